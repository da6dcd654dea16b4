import crypto from 'node:crypto';
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
import { call } from './programmes.js';

/** 莲湖区 (Xi'an): the demo's district union 莲湖区总工会 serves it. */
const lianhu = '610104';

describe.runIf(browserAvailable)(
  '一户一策: a plan, help given by a donor, the history, and the member’s own record',
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('the district officer makes the plan, marks a measure done and records a donor’s gift; the household page shows it all in its history; the donor shows what it gave; the head reads it in the app', async () => {
      const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
      const districtAdmin = await staffApiLogin('d04_admin');
      const officer = { username: `aid_${suffix}`, password: 'officer-pass-1' };
      await call(
        districtAdmin.token,
        'POST',
        '/api/v1/staff',
        { ...officer, orgId: districtAdmin.orgId, displayName: '莲湖区帮扶专干', roles: ['assistance_officer'] },
        201,
      );
      const officerApi = await staffApiLogin(officer.username, officer.password);
      // The head is a member of the district; the officer files the household (verified below, on its page).
      const idNumber = withIdCheckChar(
        `${lianhu}1980${String(1 + crypto.randomInt(12)).padStart(2, '0')}20${suffix.slice(3)}`,
      );
      const phone = `137${suffix}${String(crypto.randomInt(100)).padStart(2, '0')}`;
      const headName = `马秀英${suffix}`;
      await call(
        districtAdmin.token,
        'POST',
        '/api/v1/members',
        { name: headName, phone, idNumber, orgId: districtAdmin.orgId },
        201,
      );
      const filed = await call<{ id: string }>(
        officerApi.token,
        'POST',
        '/api/v1/hardship/leads',
        {
          household: {
            headName,
            idNumber,
            phone,
            regionCode: lianhu,
            address: '莲湖区北院门街道西羊市88号',
            size: 4,
            monthlyIncomeFen: 30_000,
            causes: ['illness'],
          },
          channel: 'union',
          consent: true,
        },
        201,
      );
      const donorName = `莲湖爱心药房${suffix}`;
      await call(
        officerApi.token,
        'POST',
        '/api/v1/hardship/donors',
        { orgId: districtAdmin.orgId, name: donorName, kind: 'enterprise', contactName: '刘经理' },
        201,
      );

      const desk = await desktopContext(browser);
      const page = await desk.newPage();
      await staffSignIn(page, officer.username, officer.password);
      await page.goto(`/console/hardship/households/${filed.id}`);
      const plan = page.getByTestId('plan-section');
      await plan.getByTestId('plan-none').waitFor();
      // A lead not yet verified takes no plan; once verified on its page, the plan section offers one without a reload.
      await plan.getByText('核实后（已核实、已建档或个案帮扶）才能制定帮扶计划').waitFor();
      expect(await plan.getByTestId('plan-new').count()).toBe(0);
      await page.getByTestId('action-verify').click();
      await page.getByTestId('action-note').fill('入户核实：户主患尿毒症');
      const modal = page.locator('.ant-modal-wrap:visible');
      await modal.getByRole('button', { name: /确\s*定/ }).click();
      await modal.waitFor({ state: 'hidden' });

      // 一户一策: a goal and one measure with its owner and date.
      await plan.getByTestId('plan-new').click();
      await page.getByTestId('plan-goal-input').fill('稳定透析治疗，减轻医疗负担');
      await page.getByTestId('measure-title-0').fill('开通医院绿色通道');
      await page.getByTestId('measure-owner-0').fill('区总工会帮扶中心');
      const due = page.getByTestId('measure-due-0');
      await due.click();
      await due.fill('2030-06-30');
      await due.press('Enter');
      await page.getByTestId('plan-save').click();
      await expect.poll(() => plan.getByTestId('plan-version').textContent()).toBe('第 1 版');
      expect(await plan.getByTestId('plan-goal').textContent()).toBe('稳定透析治疗，减轻医疗负担');

      // The measure is done.
      await plan.getByTestId('measure-done-0').click();
      await page.getByTestId('measure-done-note').fill('已在市第一医院开通');
      await page.getByTestId('measure-done-save').click();
      await plan.getByText('已在市第一医院开通', { exact: false }).waitFor();
      await screenshot(page, 'hardship-plan');

      // Help given: 500 yuan from the donor.
      const aid = page.getByTestId('aid-section');
      await aid.getByTestId('aid-record').click();
      await page.getByTestId('aid-amount').fill('500');
      await page.getByTestId('aid-description').fill('透析费用资助');
      await page.getByTestId('aid-donor').click();
      await page.locator('.ant-select-item-option', { hasText: donorName }).click();
      await page.getByTestId('aid-save').click();
      await expect.poll(() => aid.getByTestId('aid-total').textContent()).toBe('共 1 次，合计 ¥500.00');
      await aid.getByTestId('aid-table').getByText(donorName).waitFor();
      // Dated today in Asia/Shanghai, whatever the browser's time zone.
      const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      await aid.getByTestId('aid-table').getByText(today).waitFor();
      // The same again the same day is a double entry: the server says so and nothing is added.
      await aid.getByTestId('aid-record').click();
      await page.getByTestId('aid-amount').fill('500');
      await page.getByTestId('aid-description').fill('透析费用资助');
      await page.getByTestId('aid-save').click();
      await page.getByText('同一天已为该户登记过相同金额的现金帮扶').waitFor();
      await page
        .locator('.ant-modal-wrap:visible')
        .getByRole('button', { name: /取\s*消/ })
        .click();
      expect(await aid.getByTestId('aid-total').textContent()).toBe('共 1 次，合计 ¥500.00');
      await screenshot(page, 'hardship-aid');

      // The household's history on one page, in order: filed, verified, the plan, the measure done, the help.
      const history = page.getByTestId('household-history');
      await expect
        .poll(() => history.locator('.ant-timeline-item').allTextContents())
        .toEqual([
          expect.stringContaining('登记线索'),
          expect.stringContaining('核实'),
          expect.stringContaining('制定帮扶计划第 1 版'),
          expect.stringContaining('完成措施「开通医院绿色通道」'),
          expect.stringContaining('透析费用资助'),
        ]);
      await screenshot(page, 'hardship-history');

      // The donor shows what it gave.
      await page.goto('/console/hardship/donors');
      const donorRow = page.getByTestId('donors-table').getByRole('row', { name: new RegExp(donorName) });
      await expect.poll(() => donorRow.textContent()).toContain('¥500.00');
      await donorRow.click();
      await expect.poll(() => page.getByTestId('donor-total').textContent()).toBe('¥500.00');
      await screenshot(page, 'hardship-donors');
      await desk.close();

      // The head of the household reads their help record in the app.
      const phoneCtx = await phoneContext(browser);
      const app = await phoneCtx.newPage();
      await memberSignIn(app, phone);
      await app.getByText('困难帮扶').click();
      await app.getByTestId('my-help-item').first().waitFor();
      expect(await app.getByTestId('my-help-status').textContent()).toBe('已核实');
      expect(await app.getByTestId('my-help-total').textContent()).toContain('¥500.00');
      await app.getByText(donorName, { exact: false }).waitFor();
      await app.getByText('开通医院绿色通道').waitFor();
      await screenshot(app, 'hardship-my-help');
      await phoneCtx.close();
    });
  },
);
