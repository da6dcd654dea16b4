import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
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

describe.runIf(browserAvailable)('legal help 法律援助 / 劳动争议调解', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a courier files an overtime-pay case, the 莲湖 centre settles it for ¥21,673.30, the courier rates it', async () => {
    const phoneCtx = await phoneContext(browser);
    const app = await phoneCtx.newPage();
    await memberSignIn(app, '13900000003');
    await app.getByTestId('svc-legal').click();
    await app.getByTestId('new-case').click();
    await app.getByTestId('category').getByText('加班费').click();
    await app.getByTestId('employer-name').locator('input').fill('顺达快递莲湖营业部');
    // The employer's region from the whole GB/T 2260 list: province → city → county.
    await app.getByTestId('region').click();
    const picker = app.locator('.adm-cascader');
    await picker.getByText('陕西省', { exact: true }).click();
    await picker.getByText('西安市', { exact: true }).click();
    // Options answer the keyboard too.
    await picker.getByRole('button', { name: '莲湖区', exact: true }).press('Enter');
    await picker
      .getByRole('button', { name: '莲湖区', exact: true, pressed: false })
      .and(picker.locator('[aria-current=true]'))
      .waitFor();
    await screenshot(app, 'member-case-region');
    await picker.getByText('确定', { exact: true }).click();
    await expect.poll(() => app.getByTestId('region').textContent()).toBe('陕西省 / 西安市 / 莲湖区');
    expect(await app.getByRole('button', { name: /单位所在地区/ }).count()).toBe(1);
    await app
      .getByTestId('description')
      .locator('textarea')
      .fill('今年9月到10月每天加班3小时，公司一直未支付加班费，请求调解。');
    await app.getByTestId('amount').locator('input').fill('25000');
    // Evidence: a photographed pay slip and a PDF of the contract, picked together.
    const slip = new PNG({ width: 40, height: 30 });
    slip.data.fill(220);
    const contract = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    await app.locator('input[type=file]').setInputFiles([
      { name: '工资条.png', mimeType: 'image/png', buffer: PNG.sync.write(slip) },
      { name: '劳动合同.pdf', mimeType: 'application/pdf', buffer: contract },
    ]);
    const names = app.getByTestId('evidence-names');
    await expect.poll(() => names.locator('li').allTextContents()).toEqual(['工资条.png', '劳动合同.pdf']);
    await screenshot(app, 'member-case-evidence');
    await app.getByTestId('file-case').click();
    await app.getByTestId('my-case-status').waitFor();
    expect(await app.getByTestId('my-case-status').textContent()).toBe('待受理');
    const caseUrl = app.url();
    await screenshot(app, 'member-case-filed');

    const desk = await desktopContext(browser);
    const console = await desk.newPage();
    await staffSignIn(console, 'd04_legal', 'demo12345');
    await console.getByRole('menuitem', { name: '法律服务' }).click();
    await console.getByRole('row', { name: /顺达快递莲湖营业部/ }).click();
    await console.getByText('劳动合同.pdf').waitFor();
    // Who applied (the registry's name of the member's phone), the pay slip inline, the contract in a viewer.
    expect(await console.getByTestId('applicant-name').textContent()).toBe('刘芳');
    expect(await console.getByTestId('applicant-phone').textContent()).toBe('139****0003');
    const slipImage = console.getByTestId('evidence-image').locator('img');
    await expect.poll(() => slipImage.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(40);
    await console.getByTestId('evidence-document').click();
    const viewer = console.getByTestId('pdf-viewer');
    await viewer.waitFor();
    // The viewer shows the local copy (a blob: frame, which the page's CSP allows as frame-src only).
    expect(await viewer.getAttribute('src')).toMatch(/^blob:/);
    const frame = await (await viewer.elementHandle())!.contentFrame();
    await expect.poll(() => frame?.url() ?? '').toMatch(/^blob:/);
    // …in the browser's PDF viewer.
    await expect.poll(() => frame!.evaluate(() => document.contentType)).toBe('application/pdf');
    await screenshot(console, 'console-case-evidence');
    // (Escape would go to the PDF viewer when it has the focus.)
    await console.getByRole('dialog').locator('.ant-modal-close').click();
    await viewer.waitFor({ state: 'detached' });
    // The full number for the call, read through the audited route.
    await console.getByTestId('reveal-phone').click();
    await expect.poll(() => console.getByTestId('applicant-phone').textContent()).toBe('13900000003');
    // Confirm the action's dialog and let it close before the next step: a click on the next action while the
    // last dialog is still fading out (a loaded machine) would open it on a form being reset.
    const ok = async () => {
      await console
        .getByRole('dialog')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await console.getByRole('dialog').waitFor({ state: 'hidden' });
    };
    const status = console.getByTestId('case-status');
    await console.getByTestId('action-accept').click();
    await ok();
    await console.getByText('已受理', { exact: true }).first().waitFor();
    // The assign dialog lists the centre's handlers; the mediator hands the case to the centre's lawyer.
    await console.getByTestId('action-assign').click();
    await console.getByTestId('handler-select').click();
    await console.locator('.ant-select-item-option', { hasText: '莲湖区职工法律服务中心律师' }).click();
    await ok();
    await expect.poll(() => console.getByTestId('case-handler').textContent()).toBe('莲湖区职工法律服务中心律师');
    await expect.poll(() => status.textContent()).toBe('已指派');
    await console.getByTestId('action-contact').click();
    await console.getByTestId('action-note').fill('已电话联系申请人和公司人事，约定周三到中心调解');
    await ok();
    await expect.poll(() => status.textContent()).toBe('调解中');
    await console.getByTestId('action-agree').click();
    await console.getByRole('dialog').getByRole('spinbutton').fill('21673.30');
    await console.getByRole('dialog').getByRole('spinbutton').press('Tab');
    await ok();
    await expect.poll(() => console.getByTestId('recovered').textContent()).toBe('¥21,673.30');
    await console.getByTestId('action-close').click();
    await ok();
    await expect.poll(() => status.textContent()).toBe('已办结');
    await screenshot(console, 'console-case-closed');
    // The queue's ledger in Excel: the closed case, under every status.
    await console.getByRole('button', { name: /返\s*回/ }).click();
    await console.getByText('全部', { exact: true }).click();
    await console.getByRole('row', { name: /顺达快递莲湖营业部/ }).waitFor();
    const [ledger] = await Promise.all([console.waitForEvent('download'), console.getByTestId('export-cases').click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync((await ledger.path())!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headings = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = sheet.getRow(2);
    const cell = (heading: string) => row.getCell(headings.indexOf(heading) + 1);
    expect(cell('申请人').value).toBe('刘芳');
    expect(cell('用人单位').value).toBe('顺达快递莲湖营业部');
    expect(cell('承办人').value).toBe('莲湖区职工法律服务中心律师');
    // Yuan as numbers with a number format, the filing time as a date cell (Shanghai wall time).
    expect(cell('追回金额（元）').value).toBe(21673.3);
    expect(cell('追回金额（元）').numFmt).toBe('#,##0.00');
    expect(cell('请求金额（元）').value).toBe(25000);
    expect(cell('申请时间').value).toBeInstanceOf(Date);
    expect(cell('申请时间').numFmt).toBe('yyyy-mm-dd hh:mm');

    await app.goto(caseUrl);
    await expect.poll(() => app.getByTestId('my-case-status').textContent()).toBe('已办结');
    expect(await app.getByTestId('my-recovered').textContent()).toBe('¥21673.30');
    await app.getByTestId('case-rate').getByRole('radio', { name: '5', exact: true }).tap();
    await app.getByTestId('submit-case-rating').click();
    await app.getByTestId('case-rated').waitFor();
    await screenshot(app, 'member-case-rated');
    // Every step reached the courier as a message.
    await app.goto('/');
    await app.getByTestId('messages').click();
    await app.getByText('已达成调解协议').waitFor();
    await app.getByText('案件已办结，欢迎评价').waitFor();
    await phoneCtx.close();
    await desk.close();
  });
});
