import crypto from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIdCheckChar } from '../server/src/kernel/pii.js';
import { browserAvailable, desktopContext, launch, screenshot, staffApiLogin, staffSignIn } from './browser.js';
import { call, confirm } from './programmes.js';

/** 莲湖区 (Xi'an): the demo's district union 莲湖区总工会 serves it. */
const lianhu = '610104';

describe.runIf(browserAvailable)('困难职工帮扶: the district union verifies and archives a lead', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a worker files a lead through the API; the district officer finds it in the queue, verifies it, sets the standard if there is none and archives it at 深度困难; the file shows archived with its history', async () => {
    const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
    // The district's administrator names an assistance officer (帮扶专干) and a field worker of 莲湖区总工会.
    const districtAdmin = await staffApiLogin('d04_admin');
    const officer = { username: `ao_${suffix}`, password: 'officer-pass-1' };
    const worker = { username: `aw_${suffix}`, password: 'worker-pass-1' };
    for (const [account, role, name] of [
      [officer, 'assistance_officer', '莲湖区帮扶专干'],
      [worker, 'assistance_worker', '莲湖区帮扶志愿者'],
    ] as const)
      await call(
        districtAdmin.token,
        'POST',
        '/api/v1/staff',
        { ...account, orgId: districtAdmin.orgId, displayName: name, roles: [role] },
        201,
      );

    // The worker files the lead in the field (the member app's survey form sends the same request).
    const fieldWorker = await staffApiLogin(worker.username, worker.password);
    const idNumber = withIdCheckChar(
      `${lianhu}1978${String(1 + crypto.randomInt(12)).padStart(2, '0')}15${suffix.slice(3)}`,
    );
    const phone = `139${suffix}${String(crypto.randomInt(100)).padStart(2, '0')}`;
    const headName = `王秀英${suffix}`;
    const filed = await call<{ id: string }>(
      fieldWorker.token,
      'POST',
      '/api/v1/hardship/leads',
      {
        household: {
          headName,
          idNumber,
          phone,
          regionCode: lianhu,
          address: '莲湖区桃园路街道丰登南路12号院3号楼',
          size: 3,
          monthlyIncomeFen: 28_000,
          causes: ['illness', 'unemployment'],
        },
        channel: 'volunteer',
        note: '户主患尿毒症每周透析三次，丈夫下岗，女儿读高中。',
        consent: true,
      },
      201,
    );
    const officerApi = await staffApiLogin(officer.username, officer.password);
    const standards = await call<{ items: { regionCode: string }[] }>(
      officerApi.token,
      'GET',
      `/api/v1/hardship/standards?regionCode=${lianhu}`,
      undefined,
      200,
    );
    const standardSet = standards.items.some((s) => s.regionCode === lianhu);

    // The officer lands on the leads queue and finds the household by its head's full ID number.
    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, officer.username, officer.password);
    await page.getByTestId('leads-table').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/hardship/leads');
    await page.getByTestId('filter-q').fill(idNumber);
    await page.getByTestId('filter-q').press('Enter');
    // The server filters: the queue holds that one household (the list before the search may show it too).
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(idNumber);
    const rows = page.getByTestId('leads-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining(headName)]);
    const row = page.getByRole('row', { name: new RegExp(headName) });
    expect(await row.getByTestId('lead-status').textContent()).toBe('待核实');
    await screenshot(page, 'hardship-queue');
    await row.click();

    // The file: contact masked until the officer asks (an audited read); the sensitive fields are the officer's to see.
    await page.getByTestId('household-head').getByText(headName).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/hardship/households/${filed.id}`);
    const status = page.getByTestId('household-status');
    expect(await status.textContent()).toBe('待核实');
    expect(await page.getByTestId('household-phone').textContent()).not.toBe(phone);
    expect(await page.getByTestId('household-income').textContent()).toBe('¥280.00');
    await page.getByTestId('show-contact').click();
    await expect.poll(() => page.getByTestId('household-phone').textContent()).toBe(phone);
    expect(await page.getByTestId('household-id-number').textContent()).toBe(idNumber);
    await page.getByText('查看完整电话和身份证号会被记录在审计日志中').waitFor();
    // Exactly the server's actions for a lead.
    expect(
      await page
        .locator('[data-testid^="action-"]:not([data-testid="action-ok"])')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))),
    ).toEqual(['action-verify', 'action-reject']);
    await screenshot(page, 'hardship-file-lead');

    // Verify: the visit's note and a photographed document.
    await page.getByTestId('action-verify').click();
    await page.getByTestId('action-note').fill('3月2日与社区网格员入户核实：透析票据、下岗证明属实，家中无其他收入。');
    const receipt = new PNG({ width: 40, height: 30 });
    receipt.data.fill(200);
    await page
      .getByTestId('verify-documents')
      .locator('input[type=file]')
      .setInputFiles({ name: '透析票据.png', mimeType: 'image/png', buffer: PNG.sync.write(receipt) });
    await page.locator('.ant-upload-list-item-done', { hasText: '透析票据.png' }).waitFor();
    await screenshot(page, 'hardship-verify');
    await confirm(page);
    await expect.poll(() => status.textContent()).toBe('已核实');

    // Archive at 深度困难 by the regional standard: where 莲湖区 has no line yet, the officer enters it first (the
    // standards page opens with the region's form when asked for it).
    const archive = async () => {
      await page.getByTestId('action-archive').click();
      await page.getByTestId('action-level').click();
      await page.locator('.ant-select-item-option', { hasText: '深度困难' }).click();
      await page.getByTestId('action-ok').click();
    };
    if (!standardSet) {
      const file = page.url();
      await page.goto(`/console/hardship/standards?regionCode=${lianhu}`);
      await page.getByTestId('standard-line-yuan').waitFor();
      await page.getByTestId('standard-region').getByText('莲湖区').waitFor();
      await page.getByTestId('standard-line-yuan').fill('650');
      await confirm(page);
      const line = page.getByTestId('standards-table').getByRole('row', { name: /莲湖区/ });
      await expect.poll(() => line.getByTestId('standard-line').textContent()).toBe('¥650.00');
      await screenshot(page, 'hardship-standards');
      await page.goto(file);
      await page.getByTestId('action-archive').waitFor();
    }
    await archive();
    await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
    await expect.poll(() => status.textContent()).toBe('已建档');
    expect(await page.getByTestId('household-level').textContent()).toBe('深度困难');
    await page.getByTestId('household-review-due').waitFor();
    const timeline = page.getByTestId('household-timeline');
    await expect
      .poll(() => timeline.locator('.ant-timeline-item').allTextContents())
      .toEqual([
        expect.stringContaining('登记线索'),
        expect.stringContaining('透析票据、下岗证明属实'),
        expect.stringContaining('建档'),
      ]);
    await screenshot(page, 'hardship-file-archived');

    // 动态管理: the yearly review records what changed (a child back home: 4 people) and keeps the archive.
    await page.getByTestId('action-review').click();
    await page.getByTestId('review-size').fill('4');
    await page.getByTestId('action-note').fill('年度复核：女儿大学毕业回家待业，家庭人口增至4人。');
    await screenshot(page, 'hardship-review');
    await confirm(page);
    await expect.poll(() => page.getByTestId('household-size').textContent()).toBe('4');
    expect(await status.textContent()).toBe('已建档');
    await expect.poll(() => timeline.locator('.ant-timeline-item').count()).toBe(4);
    expect(await timeline.locator('.ant-timeline-item').last().textContent()).toContain('年度复核');

    // The archive counts in the district's figures, and the figure opens the queue filtered to it.
    await page.getByRole('menuitem', { name: '困难职工帮扶' }).click();
    await page.getByTestId('hardship-nav').getByText('建档统计').click();
    await page.getByTestId('figure-level-deep').waitFor();
    await screenshot(page, 'hardship-archives');
    await page.getByTestId('figure-level-deep').click();
    await page.getByTestId('leads-table').waitFor();
    const params = new URL(page.url()).searchParams;
    expect([params.get('status'), params.get('level'), params.get('orgId')]).toEqual([
      'archived',
      'deep',
      districtAdmin.orgId,
    ]);
    await page.getByRole('row', { name: new RegExp(headName) }).waitFor();
    // The Excel export takes the same filters: the district's archives at 深度困难, this household among them.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-leads').click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headings = (sheet.getRow(1).values as unknown[]).slice(1);
    const lines = sheet.getRows(2, sheet.rowCount - 1) ?? [];
    const column = (heading: string) => lines.map((r) => r.getCell(headings.indexOf(heading) + 1).value);
    expect(column('户主')).toContain(headName);
    expect(new Set(column('状态'))).toEqual(new Set(['已建档']));
    expect(new Set(column('困难类别'))).toEqual(new Set(['深度困难']));
    await desk.close();
  });

  it('above the line the archive is refused and the officer helps the household case by case; a leader reads the file masked, without actions', async () => {
    const suffix = String((Date.now() + 500_000) % 1_000_000).padStart(6, '0');
    const districtAdmin = await staffApiLogin('d04_admin');
    const officer = { username: `ao2_${suffix}`, password: 'officer-pass-1' };
    const leader = { username: `ld_${suffix}`, password: 'leader-pass-1' };
    for (const [account, role, name] of [
      [officer, 'assistance_officer', '莲湖区帮扶专干'],
      [leader, 'leader', '莲湖区总工会领导'],
    ] as const)
      await call(
        districtAdmin.token,
        'POST',
        '/api/v1/staff',
        { ...account, orgId: districtAdmin.orgId, displayName: name, roles: [role] },
        201,
      );
    const officerApi = await staffApiLogin(officer.username, officer.password);
    // 莲湖区's standard: kept if the first journey set it, else ¥650 a head a month.
    const standards = await call<{ items: { regionCode: string; monthlyIncomeLineFen: number }[] }>(
      officerApi.token,
      'GET',
      `/api/v1/hardship/standards?regionCode=${lianhu}`,
      undefined,
      200,
    );
    let line = standards.items.find((s) => s.regionCode === lianhu)?.monthlyIncomeLineFen;
    if (line === undefined) {
      line = 65_000;
      await call(officerApi.token, 'PUT', `/api/v1/hardship/standards/${lianhu}`, { monthlyIncomeLineFen: line }, 200);
    }
    const idNumber = withIdCheckChar(
      `${lianhu}1981${String(1 + crypto.randomInt(12)).padStart(2, '0')}20${suffix.slice(3)}`,
    );
    const headName = `赵建国${suffix}`;
    const filed = await call<{ id: string }>(
      officerApi.token,
      'POST',
      '/api/v1/hardship/leads',
      {
        household: {
          headName,
          idNumber,
          phone: `138${suffix}${String(crypto.randomInt(100)).padStart(2, '0')}`,
          regionCode: lianhu,
          address: '莲湖区北院门街道西华门大街8号',
          size: 2,
          // Above the deep-hardship line: an accident (a fire), not low income.
          monthlyIncomeFen: line + 20_000,
          causes: ['disaster'],
        },
        channel: 'hotline',
        note: '家中失火，房屋和财物受损。',
        consent: true,
      },
      201,
    );
    await call(
      officerApi.token,
      'POST',
      `/api/v1/hardship/leads/${filed.id}/actions`,
      { action: 'verify', note: '入户核实：火灾属实，有消防部门证明。' },
      200,
    );

    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, officer.username, officer.password);
    await page.goto(`/console/hardship/households/${filed.id}`);
    const status = page.getByTestId('household-status');
    await expect.poll(() => status.textContent()).toBe('已核实');
    await page.getByTestId('action-archive').click();
    await page.getByTestId('action-level').click();
    await page.locator('.ant-select-item-option', { hasText: '深度困难' }).click();
    await page.getByTestId('action-ok').click();
    await page.getByTestId('problem-ABOVE_INCOME_LINE').waitFor();
    await screenshot(page, 'hardship-above-line');
    // The refusal offers the way on: help case by case, in the same dialog.
    await page.getByTestId('switch-case-by-case').click();
    await expect.poll(() => page.locator('.ant-modal-wrap:visible .ant-modal-title').textContent()).toBe('个案帮扶');
    await page.getByTestId('action-note').fill('收入高于标准线，按意外致困个案帮扶：协调临时救助。');
    await confirm(page);
    await expect.poll(() => status.textContent()).toBe('个案帮扶');
    await desk.close();

    // A leader reads the file: contact and sensitive fields masked, no show-contact, no actions.
    const leaderDesk = await desktopContext(browser);
    const leaderPage = await leaderDesk.newPage();
    await staffSignIn(leaderPage, leader.username, leader.password);
    await leaderPage.goto(`/console/hardship/households/${filed.id}`);
    await leaderPage.getByTestId('household-head').getByText(headName).waitFor();
    expect(await leaderPage.getByTestId('household-income').count()).toBe(0);
    await leaderPage.getByText('敏感信息（收入、致困原因、情况说明）仅对承办该户的帮扶人员显示').waitFor();
    expect(await leaderPage.getByTestId('show-contact').count()).toBe(0);
    expect(await leaderPage.locator('[data-testid^="action-"]').count()).toBe(0);
    expect(await leaderPage.getByTestId('household-phone').textContent()).toMatch(/^138\*{4}\d{4}$/);
    await screenshot(leaderPage, 'hardship-file-leader');
    await leaderDesk.close();
  });
});
