import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  desktopContext,
  launch,
  memberSignIn,
  phoneContext,
  screenshot,
  staffSignIn,
} from './browser.js';

describe.runIf(browserAvailable)('joining the union 入会', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a food-delivery rider applies in the app, the district approves in the console, the rider gets a member card', async () => {
    const phone = `138${String(Date.now()).slice(-8)}`;
    const phoneCtx = await phoneContext(browser);
    const app = await phoneCtx.newPage();
    await memberSignIn(app, phone);
    expect(await app.getByText('您还不是工会会员').isVisible()).toBe(true);
    await app.getByTestId('svc-join').click();
    await app.getByTestId('union-search').locator('input').fill('骑手');
    await app.getByText('莲湖区餐饮外卖骑手工会').click();
    await app.getByTestId('picked-union').waitFor();
    await app.getByTestId('join-name').locator('input').fill('马超');
    await app.getByTestId('submit-application').click();
    await app.getByText('审核中').first().waitFor();
    await screenshot(app, 'member-join-pending');

    const desk = await desktopContext(browser);
    const console = await desk.newPage();
    await staffSignIn(console, 'd04_members', 'demo12345');
    await console.getByRole('menuitem', { name: '入会审批' }).click();
    const row = console.getByRole('row', { name: /马超/ });
    await row.waitFor();
    // antd spaces two-character labels: "通 过"
    await row.getByRole('button', { name: /^通\s?过$/ }).click();
    await console.getByRole('dialog').getByRole('textbox').fill('欢迎加入工会');
    await console
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await row.waitFor({ state: 'detached' });
    await screenshot(console, 'console-applications');

    await app.reload();
    await app.getByText('莲湖区餐饮外卖骑手工会 会员').first().waitFor();
    await app.goto('/card');
    await app.getByTestId('card-name').waitFor();
    expect(await app.getByTestId('card-name').textContent()).toBe('马超');
    await phoneCtx.close();
    await desk.close();
  });
});
