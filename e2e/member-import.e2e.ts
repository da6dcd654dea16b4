import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIdCheckChar } from '../server/src/kernel/pii.js';
import { browserAvailable, desktopContext, launch, screenshot, staffSignIn } from './browser.js';

async function writeWorkbook(file: string, goodRows: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会员');
  ws.addRow(['姓名', '手机号', '身份证号', '工作单位', '职业', '所属工会']);
  const base = 13700000000 + Math.floor(Math.random() * 9_000_000);
  for (let i = 0; i < goodRows; i++) {
    const idNumber = withIdCheckChar(`${610101 + Math.floor(i / 1000)}19900101${String(i % 1000).padStart(3, '0')}`);
    // The union by its name, as staff know it (not an ID).
    ws.addRow([`导入职工${i}`, String(base + i), idNumber, '西安环卫集团', '环卫工人', '莲湖区团结西路环卫所工会']);
  }
  ws.addRow(['缺手机号', '', '', '', '']);
  ws.addRow(['坏手机号', '12345', '', '', '']);
  // An ID number typed into a number cell: the spreadsheet shows 6.10104E+17 and has lost the last digits.
  ws.addRow(['数字身份证', String(base + goodRows), Number('610104199001011234'), '', '']);
  await wb.xlsx.writeFile(file);
}

describe.runIf(browserAvailable)('member import in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('uploads a workbook, watches the progress bar, reads the per-row errors', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'su-import-')), '会员名单.xlsx');
    await writeWorkbook(file, 3000);
    const context = await desktopContext(browser);
    const page = await context.newPage();
    await staffSignIn(page, 'd04_members', 'demo12345');
    await page.getByRole('menuitem', { name: '会员管理' }).click();
    await page.getByTestId('open-import').click();
    await page.getByRole('dialog').locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-progress').waitFor();
    await page.getByText(/导入完成/).waitFor({ timeout: 90_000 });
    const status = await page.getByTestId('import-status').textContent();
    expect(status).toContain('成功 3000 行');
    expect(status).toContain('失败 3 行');
    const errors = page.getByTestId('import-errors');
    expect(await errors.getByText('必填').count()).toBeGreaterThan(0);
    expect(await errors.getByText('手机号应为11位中国大陆手机号').count()).toBeGreaterThan(0);
    // Columns as people call them, never the API's field names.
    const columns = await errors.locator('tbody td:nth-child(2)').allTextContents();
    expect(columns).toEqual(['手机号', '手机号', '身份证号']);
    expect(await errors.getByRole('row', { name: /身份证号/ }).textContent()).toContain('6.1E+17');
    await screenshot(page, 'console-import-done');
    await page.getByRole('button', { name: /取\s*消|Cancel/ }).click();
    const search = page.getByPlaceholder('姓名 / 完整手机号 / 完整身份证号');
    await search.fill('导入职工2999');
    await search.press('Enter');
    await page.getByRole('cell', { name: '导入职工2999', exact: true }).waitFor();
    expect(await page.getByRole('row', { name: /导入职工2999/ }).textContent()).toContain('莲湖区团结西路环卫所工会');
    await screenshot(page, 'console-members');
    await context.close();
  });
});
