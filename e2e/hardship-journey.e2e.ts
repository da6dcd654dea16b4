import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIdCheckChar } from '../server/src/kernel/pii.js';
import {
  browserAvailable,
  desktopContext,
  launch,
  phoneContext,
  screenshot,
  staffApiLogin,
  staffSignIn,
} from './browser.js';
import { call, confirm, pick } from './programmes.js';

/**
 * The journey as one household lives it: a volunteer surveys it with no signal and the lead arrives once
 * when the signal returns; the county union verifies and archives it; the winter campaign 冬送温暖 gives to it; its
 * page shows the whole history.
 */
describe.runIf(browserAvailable)('困难职工帮扶: one household from the field to the winter campaign', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is surveyed offline, arrives once, is verified and archived, receives 冬送温暖, and its page shows the history', async () => {
    // A county of its own (a region code no demo org has), its officer and a volunteer of a community union in it.
    const admin = await staffApiLogin('xian_admin');
    const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
    const regionCode = `87${suffix.slice(-4)}`;
    const county = await call<{ id: string }>(
      admin.token,
      'POST',
      '/api/v1/orgs',
      { parentId: admin.orgId, name: `旅程县总工会 ${suffix}`, kind: 'federation', regionCode },
      201,
    );
    const community = await call<{ id: string }>(
      admin.token,
      'POST',
      '/api/v1/orgs',
      { parentId: county.id, name: `旅程社区工会 ${suffix}`, kind: 'grassroots', regionCode },
      201,
    );
    const password = 'journey-pass-1';
    const officer = `jo_${suffix}`;
    const volunteer = `jv_${suffix}`;
    await call(
      admin.token,
      'POST',
      '/api/v1/staff',
      { username: officer, password, orgId: county.id, roles: ['assistance_officer'] },
      201,
    );
    await call(
      admin.token,
      'POST',
      '/api/v1/staff',
      { username: volunteer, password, orgId: community.id, roles: ['assistance_worker'] },
      201,
    );
    const officerApi = await staffApiLogin(officer, password);
    await call(
      officerApi.token,
      'PUT',
      `/api/v1/hardship/standards/${regionCode}`,
      { monthlyIncomeLineFen: 60_000 },
      200,
    );
    const idNumber = withIdCheckChar(`${regionCode}19660712${suffix.slice(-3)}`);
    const headName = `路秀芳${suffix.slice(-2)}`;

    // ——— the field: no signal, the survey waits on the phone, then arrives once ———
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await app.goto('/field/login');
    await app.getByTestId('field-username').locator('input').fill(volunteer);
    await app.getByTestId('field-password').locator('input').fill(password);
    await app.getByTestId('field-login').click();
    await app.getByTestId('field-worker').getByText(volunteer).waitFor();
    await app.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await phone.setOffline(true);
    await app.getByTestId('field-new').click();
    await app.getByTestId('survey-headName').locator('input').fill(headName);
    await app.getByTestId('survey-idNumber').locator('input').fill(idNumber);
    await app
      .getByTestId('survey-phone')
      .locator('input')
      .fill(`137${suffix}${suffix.slice(-2)}`);
    // The region defaults to the volunteer's union's own (their territory).
    await expect.poll(() => app.getByTestId('survey-regionCode').locator('input').inputValue()).toBe(regionCode);
    await app.getByTestId('survey-address').locator('input').fill('旅程县幸福路8号');
    await app.getByTestId('survey-size').locator('input').fill('3');
    await app.getByTestId('survey-incomeYuan').locator('input').fill('420');
    await app.getByTestId('survey-cause-illness').click();
    const channel = app.getByTestId('survey-channel').locator('.adm-selector-item', { hasText: '志愿者' });
    if (!(await channel.getAttribute('class'))?.includes('adm-selector-item-active')) await channel.click();
    await app.getByTestId('survey-consent').click();
    await app.getByTestId('survey-submit').click();
    const outbox = app.getByTestId('outbox-item').filter({ hasText: headName });
    await expect.poll(() => outbox.getAttribute('data-state')).toBe('waiting');
    const filesOf = async () =>
      (
        await call<{ items: { id: string; status: string }[] }>(
          officerApi.token,
          'GET',
          `/api/v1/hardship/leads?q=${idNumber}`,
          undefined,
          200,
        )
      ).items;
    expect(await filesOf()).toHaveLength(0);
    await phone.setOffline(false);
    await expect.poll(() => outbox.getAttribute('data-state'), { timeout: 30_000 }).toBe('sent');
    await screenshot(app, 'journey-field-sent');
    await app.reload();
    await app.getByTestId('my-lead').filter({ hasText: headName }).waitFor();
    const files = await filesOf();
    expect(files).toHaveLength(1);
    const householdId = files[0]!.id;
    await phone.close();

    // ——— the county union verifies and archives it ———
    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, officer, password);
    await page.goto(`/console/hardship/households/${householdId}`);
    const status = page.getByTestId('household-status');
    await expect.poll(() => status.textContent()).toBe('待核实');
    await page.getByTestId('action-verify').click();
    await page.getByTestId('action-note').fill('与社区网格员入户核实：户主患慢性病，收入属实。');
    await confirm(page);
    await expect.poll(() => status.textContent()).toBe('已核实');
    await page.getByTestId('action-archive').click();
    await page.getByTestId('action-level').click();
    await page.locator('.ant-select-item-option', { hasText: '深度困难' }).click();
    await page.getByTestId('action-ok').click();
    await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
    await expect.poll(() => status.textContent()).toBe('已建档');

    // ——— 冬送温暖: the campaign lists it from the archives and gives to it ———
    await page.goto('/console/hardship/campaigns');
    await page.getByTestId('new-aid-campaign').click();
    const form = page.locator('.ant-modal-wrap:visible');
    await pick(page, form.getByTestId('aid-campaign-season'), '冬送温暖');
    const title = `冬送温暖 ${suffix}`;
    await form.getByTestId('aid-campaign-title').fill(title);
    await form.getByTestId('aid-campaign-budget').fill('1000');
    await form.getByTestId('aid-campaign-budget').press('Tab');
    await form.getByTestId('save-aid-campaign').click();
    await page.getByTestId('aid-campaign-summary').waitFor();
    await pick(page, page.getByTestId('targets-level'), '深度困难');
    await page.getByTestId('targets-region').fill(regionCode);
    await page.getByTestId('add-targets').click();
    const row = page.getByTestId('aid-targets-table').locator('tr', { hasText: headName });
    await row.getByText('未领取').waitFor();
    await row.getByRole('button', { name: '发放' }).click();
    const distribute = page.getByTestId('distribute-form');
    await pick(page, distribute.getByTestId('distribute-kind'), '现金');
    await distribute.getByTestId('distribute-amount').fill('500');
    await distribute.getByTestId('distribute-amount').press('Tab');
    await distribute.getByTestId('distribute-description').fill('冬送温暖慰问金');
    await distribute.getByTestId('distribute-submit').click();
    await page.getByText(`已为 ${headName} 登记发放`).waitFor();
    await page.getByTestId('aid-campaign-spent').getByText('500.00').waitFor();

    // ——— the household's page: its whole history, in order ———
    await page.goto(`/console/hardship/households/${householdId}`);
    const history = page.getByTestId('household-history');
    await expect
      .poll(() => history.locator('.ant-timeline-item').allTextContents())
      .toEqual([
        expect.stringContaining('登记线索'),
        expect.stringContaining('核实'),
        expect.stringContaining('建档'),
        expect.stringContaining('冬送温暖慰问金'),
      ]);
    await screenshot(page, 'journey-household-history');
    await desk.close();
  });
});
