import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
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
import { call, cityWithStaff, confirm } from './programmes.js';

describe.runIf(browserAvailable)('congress terms and representatives 代表大会', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('staff open a term, add a representative by search and two by Excel, and a representative finds the entry in the app', async () => {
    // Three members of a grassroots union of the city, made by the city's administrator.
    const { admin, suffix, union } = await cityWithStaff(() => []);
    const people = ['王建国', '李秀英', '赵红梅'].map((name, i) => ({
      name: `${name}${suffix.slice(-2)}`,
      phone: `13${5 + i}${suffix}${suffix.slice(0, 2)}`,
    }));
    for (const p of people) await call(admin.token, 'POST', '/api/v1/members', { ...p, orgId: union.id }, 201);
    const [searched, imported, other] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];

    // The city's participation officer (民主管理专干) lands on the congress terms and opens one.
    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, 'xian_participation', 'demo12345');
    await page.getByTestId('congresses-table').waitFor();
    await page.getByTestId('new-congress').click();
    const form = page.locator('.ant-modal-wrap:visible');
    const congressName = `西安市总工会第十五届会员代表大会 ${suffix}`;
    await form.getByTestId('congress-name').fill(congressName);
    const term = form.locator('.ant-picker-range input');
    await term.nth(0).click();
    await term.nth(0).fill('2026-01-01');
    await term.nth(0).press('Enter');
    await term.nth(1).fill('2030-12-31');
    await term.nth(1).press('Enter');
    await confirm(page);
    await expect.poll(() => page.getByTestId('congress-title').textContent()).toBe(congressName);
    await page.getByText('尚无代表：可搜索会员添加，或导入代表名单').waitFor();
    await screenshot(page, 'console-congress-new');

    // One representative found by name among the members of the term's subtree.
    await page.getByTestId('add-representative').click();
    const add = page.locator('.ant-modal-wrap:visible');
    await add.getByTestId('representative-member').click();
    await page.keyboard.type(searched.name);
    await page.locator('.ant-select-item-option', { hasText: `${searched.name} · ` }).click();
    await add.getByTestId('representative-delegation').fill('莲湖区代表团');
    await confirm(page);
    await page.getByText(`已添加代表 ${searched.name}`).waitFor();
    await page.getByRole('row', { name: new RegExp(searched.name) }).waitFor();

    // Two more from a list; a row whose name differs from the register is reported, not imported.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'su-reps-')), '代表名单.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('代表名单');
    sheet.addRow(['姓名', '手机号', '代表团']);
    sheet.addRow([imported.name, imported.phone, '新城区代表团']);
    sheet.addRow([other.name, other.phone, '新城区代表团']);
    sheet.addRow(['张冠李戴', searched.phone, '']);
    await book.xlsx.writeFile(file);
    await page.getByTestId('open-import').click();
    await page.getByRole('dialog').locator('input[type=file]').setInputFiles(file);
    await page.getByText('导入完成：成功 2 行，失败 1 行').waitFor({ timeout: 30_000 });
    const errors = page.getByTestId('import-errors');
    expect(await errors.locator('tbody td').allTextContents()).toEqual([
      '4',
      '姓名',
      '姓名与会员库中该手机号或身份证号的会员不一致',
    ]);
    await screenshot(page, 'console-congress-import');
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await expect.poll(() => page.getByTestId('congress-count').textContent()).toBe('3');
    await page.getByRole('row', { name: new RegExp(`${imported.name}.*新城区代表团`) }).waitFor();
    await screenshot(page, 'console-congress-representatives');
    await desk.close();

    // The imported representative signs in to the app: the entry is on the home page and lists the term.
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, imported.phone);
    await app.getByTestId('svc-representative').click();
    await expect.poll(() => app.getByTestId('rep-congress-name').textContent()).toBe(congressName);
    expect(await app.getByTestId('rep-delegation').textContent()).toContain('新城区代表团');
    await screenshot(app, 'member-representative');
    await phone.close();
  });
});
