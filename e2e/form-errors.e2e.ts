import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIdCheckChar } from '../server/src/kernel/pii.js';
import { expectAccessible } from './axe.js';
import { browserAvailable, desktopContext, launch, staffSignIn } from './browser.js';

describe.runIf(browserAvailable)('server field errors in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an ID number the server refuses (its check digit) is marked on its field, and the dialog stays open', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    await staffSignIn(page, 'd04_members', 'demo12345');
    await page.getByRole('menuitem', { name: '会员管理' }).click();
    await page.getByRole('button', { name: '登记会员' }).click();
    const dialog = page.getByRole('dialog');
    // Eighteen characters, as the form's own pattern asks; only the server knows the check digit is wrong.
    const valid = withIdCheckChar('61010419900101123');
    const wrong = valid.slice(0, 17) + (valid.endsWith('1') ? '2' : '1');
    await dialog.getByLabel('姓名').fill('校验位测试');
    await dialog.getByLabel('手机号').fill(String(13600000000 + Math.floor(Math.random() * 9_000_000)));
    await dialog.getByLabel('身份证号').fill(wrong);
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();

    const idField = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('身份证号') });
    await idField.locator('.ant-form-item-explain-error').getByText('身份证号格式或校验位不正确').waitFor();
    // Only that field is marked; the toast says what to do rather than repeating the API's paths.
    expect(await dialog.locator('.ant-form-item-explain-error').count()).toBe(1);
    await page.getByText('提交的内容有误，请检查标出的字段').waitFor();
    expect(await page.getByText('idNumber').count()).toBe(0);
    await expectAccessible(page, 'console member form with a server field error');

    // Corrected, the same dialog saves.
    await dialog.getByLabel('身份证号').fill(valid);
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: '校验位测试', exact: true }).waitFor();
    await context.close();
  });
});
