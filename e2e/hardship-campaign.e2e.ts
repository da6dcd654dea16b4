import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIdCheckChar } from '../server/src/kernel/pii.js';
import {
  browserAvailable,
  desktopContext,
  launch,
  memberSignIn,
  phoneContext,
  screenshot,
  staffApiLogin,
  staffSignIn,
} from './browser.js';
import { call, pick, sheetRows } from './programmes.js';

/**
 * 冬送温暖: a county union's assistance officer runs a winter campaign in the console — the household a volunteer
 * filed and the county archived is put on the target list from the archives and receives the campaign's cash; a
 * member's household is served by the QR code of their member card; the report and the ledger show both with the
 * budget spent.
 */
describe.runIf(browserAvailable)('四季送: a winter campaign', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the officer creates 冬送温暖, lists an archived household from the archives, gives to it, and reads the report', async () => {
    // A county of its own (a region code no demo org has), its assistance officer and a volunteer.
    const admin = await staffApiLogin('xian_admin');
    const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
    const regionCode = `88${suffix.slice(-4)}`;
    const county = await call<{ id: string; name: string }>(
      admin.token,
      'POST',
      '/api/v1/orgs',
      { parentId: admin.orgId, name: `帮扶县总工会 ${suffix}`, kind: 'federation', regionCode },
      201,
    );
    const password = 'officer-pass-1';
    const officer = `ao_${suffix}`;
    const volunteer = `aw_${suffix}`;
    for (const [username, roles] of [
      [officer, ['assistance_officer']],
      [volunteer, ['assistance_worker']],
    ] as const)
      await call(admin.token, 'POST', '/api/v1/staff', { username, password, orgId: county.id, roles }, 201);
    const officerApi = await staffApiLogin(officer, password);
    const volunteerApi = await staffApiLogin(volunteer, password);

    // The volunteer files the household; the county verifies and archives it at 深度困难 by its standard.
    await call(
      officerApi.token,
      'PUT',
      `/api/v1/hardship/standards/${regionCode}`,
      { monthlyIncomeLineFen: 60_000 },
      200,
    );
    const fileAndArchive = async (headName: string, idNumber: string, phone: string) => {
      const lead = await call<{ id: string }>(
        volunteerApi.token,
        'POST',
        '/api/v1/hardship/leads',
        {
          household: {
            headName,
            idNumber,
            phone,
            regionCode,
            address: '青铜峡市裕民街道幸福巷12号',
            size: 3,
            monthlyIncomeFen: 42_000,
            causes: ['illness'],
          },
          channel: 'volunteer',
          consent: true,
        },
        201,
      );
      const act = (body: Record<string, unknown>) =>
        call(officerApi.token, 'POST', `/api/v1/hardship/leads/${lead.id}/actions`, body, 200);
      await act({ action: 'verify', note: '入户核实：户主患慢性病，一子上学。' });
      await act({ action: 'archive', level: 'deep' });
    };
    const headName = `马玉兰${suffix.slice(-2)}`;
    await fileAndArchive(
      headName,
      withIdCheckChar(`${regionCode}19680315${suffix.slice(-3)}`),
      `139${suffix}${suffix.slice(-2)}`,
    );
    // A second household whose head is a member of the union: served by scanning their member card.
    const memberName = `张建华${suffix.slice(-2)}`;
    const memberPhone = `138${suffix}${suffix.slice(-2)}`;
    const memberIdNumber = withIdCheckChar(`${regionCode}19720508${suffix.slice(-3)}`);
    const member = await call<{ id: string }>(
      admin.token,
      'POST',
      '/api/v1/members',
      { name: memberName, phone: memberPhone, orgId: county.id, idNumber: memberIdNumber },
      201,
    );
    await fileAndArchive(memberName, memberIdNumber, memberPhone);
    const cardNumber = member.id.replace(/-/g, '').slice(0, 12).toUpperCase();

    // The officer creates the winter campaign in the console.
    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, officer, password);
    // The officer lands on the hardship section; 四季送 is its tab.
    await page.getByTestId('hardship-nav').getByRole('tab', { name: '四季送' }).click();
    await page.getByTestId('aid-campaigns-table').waitFor();
    await page.getByTestId('new-aid-campaign').click();
    const form = page.locator('.ant-modal-wrap:visible');
    await pick(page, form.getByTestId('aid-campaign-season'), '冬送温暖');
    const title = `${new Date().getFullYear()}年冬送温暖 ${suffix}`;
    await form.getByTestId('aid-campaign-title').fill(title);
    await form.getByTestId('aid-campaign-budget').fill('2000');
    await form.getByTestId('aid-campaign-budget').press('Tab');
    await form.getByTestId('save-aid-campaign').click();
    await page.getByTestId('aid-campaign-summary').waitFor();
    expect(await page.locator('.ant-card-head-title').first().textContent()).toContain(title);

    // Its target list from the archives: 深度困难 households of the county's region.
    await pick(page, page.getByTestId('targets-level'), '深度困难');
    await page.getByTestId('targets-region').fill(regionCode);
    await page.getByTestId('add-targets').click();
    await page.getByText('新加入 2 户，已在名单 0 户').waitFor();
    const row = page.getByTestId('aid-targets-table').locator('tr', { hasText: headName });
    await row.getByText('未领取').waitFor();
    await screenshot(page, 'aid-campaign-targets');

    // Distribution: chosen from the list, 500 yuan of cash.
    await row.getByRole('button', { name: '发放' }).click();
    const distribute = page.getByTestId('distribute-form');
    await distribute.getByTestId('distribute-household').filter({ hasText: headName }).waitFor();
    await pick(page, distribute.getByTestId('distribute-kind'), '现金');
    await distribute.getByTestId('distribute-amount').fill('500');
    await distribute.getByTestId('distribute-amount').press('Tab');
    await distribute.getByTestId('distribute-description').fill('冬季慰问金');
    await distribute.getByTestId('distribute-submit').click();
    await page.getByText(`已为 ${headName} 登记发放`).waitFor();
    await page.getByTestId('aid-campaign-spent').getByText('500.00').waitFor();
    expect(await page.getByTestId('aid-campaign-reached').textContent()).toContain('1');

    // The member shows their card's QR code in the app; the officer's scanner types its number.
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, memberPhone);
    await app.goto('/card');
    await app.getByTestId('member-card-qr').waitFor();
    expect(await app.getByTestId('member-card').textContent()).toContain(cardNumber);
    await screenshot(app, 'member-card-qr');
    await phone.close();
    await distribute.getByText('扫码/输入会员卡号').click();
    await distribute.getByTestId('distribute-card').fill(cardNumber);
    await pick(page, distribute.getByTestId('distribute-kind'), '物资');
    await distribute.getByTestId('distribute-amount').fill('300');
    await distribute.getByTestId('distribute-amount').press('Tab');
    await distribute.getByTestId('distribute-description').fill('米面油一份');
    await distribute.getByTestId('distribute-submit').click();
    await page.getByText(`已为 ${memberName} 登记发放`).waitFor();
    await page.getByTestId('aid-campaign-spent').getByText('800.00').waitFor();

    // The report: spend against budget, per kind and per union.
    await page.getByRole('tab', { name: '发放统计' }).click();
    const report = page.getByTestId('aid-campaign-report');
    await report.getByTestId('report-spent').getByText('800.00').waitFor();
    expect(await report.getByTestId('report-reached').textContent()).toContain('2 / 2');
    expect(await report.getByTestId('report-by-kind').textContent()).toMatch(/现金.*物资|物资.*现金/);
    expect(await report.getByTestId('report-by-union').textContent()).toContain(county.name);
    await screenshot(page, 'aid-campaign-report');

    // The ledger: who got what, ID number masked, then the totals.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-aid-campaign').click(),
    ]);
    const rows = await sheetRows(download);
    expect(rows[0]).toMatchObject({
      户主: headName,
      发放内容: '现金',
      '金额（元）': 500,
      方式: '名单选择',
      经办人: officer,
    });
    expect(rows[1]).toMatchObject({ 户主: memberName, 发放内容: '物资', '金额（元）': 300, 方式: '扫会员卡' });
    expect(String(rows[1]!['身份证号'])).not.toContain(memberIdNumber.slice(6, 14));
    expect(rows.slice(2).map((r) => [r['序号'], r['金额（元）']])).toEqual([
      ['合计', 800],
      ['预算', 2000],
      ['结余', 1200],
    ]);

    // The campaign's figures back on the list.
    await page.getByRole('button', { name: /返\s*回/ }).click();
    const listed = page.getByTestId('aid-campaigns-table').locator('tr', { hasText: title });
    // The list is read again on the way back: the figures are the campaign's now.
    await listed.getByText('2 / 2').waitFor();
    await desk.close();
  });
});
