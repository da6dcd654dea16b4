import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.js';
import {
  browserAvailable,
  desktopContext,
  launch,
  memberSignIn,
  moveServerClock,
  phoneContext,
  screenshot,
  staffApiLogin,
  staffSignIn,
} from './browser.js';
import { call, confirm, sheetRows } from './programmes.js';

/**
 * 未央区制造业联合工会: demo members 88 (the model worker) and 101 (a workmate who objects), whom no other journey uses.
 * The city's programme officer (xian_programmes) runs the programme; the union's officer is made for the journey.
 */
const modelWorkerPhone = '13900000088';
const objectorPhone = '13900000101';
const officer = 'xian_programmes';
const demoPassword = 'demo12345';

interface Member {
  id: string;
  name: string;
  org: { id: string; name: string };
}
interface Application {
  id: string;
  status: string;
  amountFen: number;
  reviewStep: string | null;
}

describe.runIf(browserAvailable)('劳模生活困难补助金 from application to payment, across both apps', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    // Whatever happened, the journeys after this one run on the real time.
    await moveServerClock(0);
    await browser?.close();
  });

  it('a model worker applies, the union and the city review, the notice goes public, an objection is settled, the bank pays', async () => {
    const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format());

    // The model worker, as the registry has him, and his grassroots union's 补助专干 (made by the city's administrator).
    const admin = await staffApiLogin('xian_admin');
    const found = await call<{ items: Member[] }>(
      admin.token,
      'GET',
      `/api/v1/members?q=${modelWorkerPhone}`,
      undefined,
      200,
    );
    const worker = found.items[0]!;
    expect(worker.org.name).toBe('未央区制造业联合工会');
    const unionOfficer = `prog_wy_${suffix}`;
    await call(
      admin.token,
      'POST',
      '/api/v1/staff',
      {
        username: unionOfficer,
        password: 'officer-pass-1',
        orgId: worker.org.id,
        roles: ['programme_officer'],
        displayName: '制造业联合工会补助专干',
      },
      201,
    );

    // 劳模名册: the city's officer registers him (省部级劳模) and records this year's check (年度核查), as the fund requires.
    const city = await staffApiLogin(officer);
    const entry = await call<{ id: string }>(
      city.token,
      'POST',
      '/api/v1/model-workers',
      { memberId: worker.id, honourLevel: 'provincial', title: '陕西省劳动模范', awardedYear: 2012 },
      201,
    );
    await call(city.token, 'POST', `/api/v1/model-workers/${entry.id}/checks`, { year, outcome: 'confirmed' }, 201);

    // The officer configures the fund in the console: two named review steps, one day of notice, 3,000 yuan each.
    const title = `${year}年劳模生活困难补助金 ${suffix}`;
    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, officer, demoPassword);
    await page.getByRole('menuitem', { name: '补助项目' }).click();
    await page.getByTestId('programmes-table').waitFor();
    await expectAccessible(page, 'console programmes');
    await page.getByTestId('new-programme').click();
    const form = page.locator('.ant-modal-wrap:visible');
    // A pick is checked, and tried again if the select did not take it (a click during the dropdown's opening
    // animation can miss on a loaded CI machine).
    const pick = async (testId: string, option: string) => {
      for (let attempt = 1; ; attempt++) {
        await form.getByTestId(testId).click();
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
        const taken = await form
          .getByTestId(testId)
          .filter({ hasText: option })
          .waitFor({ timeout: 5_000 })
          .then(() => true)
          .catch(() => false);
        if (taken || attempt === 3) break;
        await page.keyboard.press('Escape');
      }
    };
    await pick('programme-kind', '劳模专项资金');
    await pick('rules-fund', '劳模生活困难补助金');
    await form.getByTestId('programme-title').fill(title);
    const day = 86_400_000;
    const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const window = form.locator('.ant-picker-range input');
    await window.nth(0).click();
    await window.nth(0).fill(`${date(Date.now() - day)} 00:00`);
    await window.nth(0).press('Enter');
    await window.nth(1).fill(`${date(Date.now() + 60 * day)} 00:00`);
    await window.nth(1).press('Enter');
    await form.getByTestId('review-levels').fill('2');
    await form.getByTestId('step-name-1').fill('基层工会初审');
    await form.getByTestId('step-name-2').fill('主席办公会');
    await form.getByTestId('publicity-days').fill('1');
    await form.getByText('每年一次', { exact: true }).click();
    await form.getByTestId('standard-amount').fill('3000');
    await form.getByTestId('standard-amount').press('Tab');
    await screenshot(page, 'journey-console-new-fund');
    await confirm(page);
    await page.getByTestId('programme-title').waitFor();
    const programmeId = /\/programmes\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const programme = await call<{ kind: string; rules: Record<string, unknown> }>(
      city.token,
      'GET',
      `/api/v1/programmes/${programmeId}`,
      undefined,
      200,
    );
    expect(programme.kind).toBe('model_worker_fund');
    expect(programme.rules).toMatchObject({
      reviewLevels: 2,
      reviewStepNames: ['基层工会初审', '主席办公会'],
      publicityDays: 1,
      period: 'year',
      standardAmountFen: 300_000,
      modelWorkerFund: { fund: 'living_hardship' },
    });
    await screenshot(page, 'journey-console-fund');

    // The model worker applies from his phone: a standard amount, his bank account, the hardship in his words.
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, modelWorkerPhone);
    await app.getByTestId('svc-programmes').click();
    await app.getByTestId('programme-item').filter({ hasText: title }).waitFor();
    await expectAccessible(app, 'member programmes');
    await app.getByTestId('programme-item').filter({ hasText: title }).click();
    await app.getByTestId('programme-title').waitFor();
    expect(await app.getByTestId('rule-amount').textContent()).toContain('¥3,000.00');
    expect(await app.getByTestId('rule-publicity').textContent()).toContain('公示 1 天');
    await screenshot(app, 'journey-member-programme');
    await app.getByTestId('apply').click();
    await app.getByTestId('standard-amount').waitFor();
    await app.getByTestId('payee-bank').locator('input').fill('中国农业银行西安未央支行');
    await app.getByTestId('payee-account').locator('input').fill('6228480012345678913');
    // 生活困难补助金 asks nothing more (only 特殊困难帮扶金 asks the reason).
    await screenshot(app, 'journey-member-apply');
    await app.getByTestId('submit-application').click();
    await expect.poll(() => app.getByTestId('application-status').textContent()).toBe('待初审');
    expect(await app.getByTestId('application-amount').textContent()).toBe('¥3,000.00');
    const applicationId = new URL(app.url()).pathname.split('/').pop()!;
    await screenshot(app, 'journey-member-applied');
    const stepOf = async () =>
      (await call<Application>(city.token, 'GET', `/api/v1/applications/${applicationId}`, undefined, 200)).reviewStep;
    expect(await stepOf()).toBe('基层工会初审');

    // 基层工会初审: the union's officer passes it from their queue.
    const unionDesk = await desktopContext(browser);
    const first = await unionDesk.newPage();
    await staffSignIn(first, unionOfficer, 'officer-pass-1');
    await first.getByRole('menuitem', { name: '补助项目' }).click();
    await first.getByRole('link', { name: title }).click();
    await first.getByTestId('applications-table').waitFor();
    await expectAccessible(first, 'union officer programme page');
    await first.getByTestId('awaiting-me').click();
    await first.getByRole('row', { name: new RegExp(worker.name) }).click();
    const firstDrawer = first.locator('.ant-drawer');
    await expect.poll(() => firstDrawer.getByTestId('application-status').textContent()).toBe('待初审');
    // The account number is masked on screen.
    expect(await firstDrawer.getByTestId('application-payee').textContent()).toBe('中国农业银行西安未央支行 ****8913');
    await screenshot(first, 'journey-console-first-review');
    await firstDrawer.getByTestId('action-review_pass').click();
    await first.getByTestId('action-note').fill('经核实，劳模身份及家庭困难情况属实');
    await confirm(first);
    await expect.poll(() => firstDrawer.getByTestId('application-status').textContent()).toBe('待第二级审核');
    await unionDesk.close();
    expect(await stepOf()).toBe('主席办公会');

    // 主席办公会: the city's officer passes the last step.
    await page.getByRole('tab', { name: '申请' }).click();
    await page.getByTestId('awaiting-me').click();
    const drawer = page.locator('.ant-drawer');
    const open = async () => {
      await page.getByRole('row', { name: new RegExp(worker.name) }).click();
      await drawer.getByTestId('application-status').waitFor();
    };
    const closeDrawer = async () => {
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
    };
    await open();
    await expect.poll(() => drawer.getByTestId('application-status').textContent()).toBe('待第二级审核');
    await drawer.getByTestId('action-review_pass').click();
    await confirm(page);
    await expect.poll(() => drawer.getByTestId('application-status').textContent()).toBe('待公示');
    await closeDrawer();

    // 公示: published in the console, with its hash.
    await page.getByRole('tab', { name: '公示' }).click();
    await page.getByTestId('reviewed-table').getByRole('checkbox', { name: worker.name }).check();
    await page.getByTestId('publish-notice').click();
    await page.getByTestId('notices-table').getByTestId('notice-state').waitFor();
    expect(await page.getByTestId('notice-state').textContent()).toBe('公示中');
    const noticeId = /\/notices\/([0-9a-f-]{36})/.exec(
      (await page.getByTestId('notice-link').getAttribute('href'))!,
    )![1]!;
    const notices = await call<{ items: { id: string; contentHash: string }[] }>(
      city.token,
      'GET',
      `/api/v1/programmes/${programmeId}/notices`,
      undefined,
      200,
    );
    const contentHash = notices.items.find((n) => n.id === noticeId)!.contentHash;
    expect(contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('notice-hash').textContent()).toBe(`${contentHash.slice(0, 16)}…`);
    await screenshot(page, 'journey-console-publicity');

    // The public notice page, opened without signing in: the masked name, the amount, the hash the API published.
    const visitorContext = await phoneContext(browser);
    const visitor = await visitorContext.newPage();
    await visitor.goto(`/notices/${noticeId}`);
    await visitor.getByTestId('notice-hash').waitFor();
    const published = await call<{ contentHash: string }>(
      null,
      'GET',
      `/api/v1/public/notices/${noticeId}`,
      undefined,
      200,
    );
    expect(published.contentHash).toBe(contentHash);
    expect(await visitor.getByTestId('notice-hash').textContent()).toBe(contentHash);
    expect(await visitor.getByTestId('notice-state').textContent()).toBe('公示中');
    const rows = visitor.getByTestId('notice-entry');
    expect(await rows.count()).toBe(1);
    const chars = [...worker.name];
    const masked = chars.length === 2 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
    expect(await rows.locator('td:nth-child(2)').textContent()).toBe(masked);
    expect(await rows.locator('td:nth-child(3)').textContent()).toBe('¥3,000.00');
    expect(await visitor.getByText(worker.name, { exact: true }).count()).toBe(0);
    await visitor.getByTestId('sign-in-to-object').waitFor();
    await screenshot(visitor, 'journey-public-notice');
    await visitorContext.close();

    // A workmate objects to the entry from the member app.
    const objectorContext = await phoneContext(browser);
    const objector = await objectorContext.newPage();
    await memberSignIn(objector, objectorPhone);
    await objector.goto(`/notices/${noticeId}`);
    await objector.getByTestId('object-entry-1').click();
    expect(await objector.getByTestId('objection-target').textContent()).toContain('第 1 号');
    await objector
      .getByTestId('objection-content')
      .locator('textarea')
      .fill('听说该职工今年已领取过单位困难补助，请核实是否重复');
    await objector.getByTestId('submit-objection').click();
    await objector.getByTestId('objection-received').waitFor();
    await screenshot(objector, 'journey-member-objection');

    // The officer answers it in the console.
    await page.goto(`/console/programmes/${programmeId}?tab=publicity`);
    await page.getByTestId('objections-table').getByText('听说该职工今年已领取过单位困难补助').waitFor();
    await page.getByTestId('answer-objection').click();
    await page.getByTestId('objection-answer').fill('经核实，单位发放的是节日慰问品，不属于困难补助，不存在重复领取。');
    await confirm(page);
    await page.getByTestId('only-unanswered').click();
    await page.getByTestId('objections-table').getByText('经核实，单位发放的是节日慰问品').waitFor();
    await screenshot(page, 'journey-console-objection-answered');
    // The objector reads the answer among their messages.
    await objector.goto('/messages');
    await objector
      .locator('.adm-list-item', { hasText: '您对公示的异议已答复' })
      .filter({ hasText: '经核实，单位发放的是节日慰问品' })
      .waitFor();
    await screenshot(objector, 'journey-member-objection-answer');
    await objectorContext.close();

    // Approval while the notice is still open is refused.
    await page.getByRole('tab', { name: '申请' }).click();
    await open();
    await expect.poll(() => drawer.getByTestId('application-status').textContent()).toBe('公示中');
    await drawer.getByTestId('action-approve').click();
    await confirm(page);
    await expect.poll(() => drawer.getByTestId('conflict').getAttribute('data-code')).toBe('PUBLICITY_OPEN');
    await screenshot(page, 'journey-console-publicity-open');

    // A day later (the server's clock moved on) the notice has closed; the officer signs in again and approves.
    await moveServerClock(25 * 3_600_000);
    await staffSignIn(page, officer, demoPassword);
    await page.goto(`/console/programmes/${programmeId}?tab=publicity`);
    await expect.poll(() => page.getByTestId('notice-state').textContent()).toBe('已结束');
    await expectAccessible(page, 'console publicity, notice closed');
    await page.getByRole('tab', { name: '申请' }).click();
    await open();
    await drawer.getByTestId('action-approve').click();
    await confirm(page);
    await expect.poll(() => drawer.getByTestId('application-status').textContent()).toBe('已审批');
    await screenshot(page, 'journey-console-approved');
    await closeDrawer();

    // 发放: a batch, its bank file (the whole account number only there), the bank's answer recorded.
    await page.getByRole('tab', { name: '发放' }).click();
    await page.getByTestId('create-batch').click();
    await page.getByTestId('payments-table').waitFor();
    expect(await page.getByTestId('batch-total').textContent()).toBe('¥3,000.00');
    await page.getByTestId('payment-account').first().waitFor();
    expect(await page.getByTestId('payment-account').allTextContents()).toEqual(['****8913']);
    await screenshot(page, 'journey-console-batch');
    const [bankFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bank-file').click()]);
    const bankRows = await sheetRows(bankFile);
    expect(bankRows).toHaveLength(1);
    expect(bankRows[0]).toMatchObject({
      收款人: worker.name,
      开户行: '中国农业银行西安未央支行',
      账号: '6228480012345678913',
      '金额（元）': 3000,
    });
    const payments = page.getByTestId('payments-table');
    await payments.getByRole('checkbox', { name: worker.name }).check();
    await page.getByTestId('mark-paid').click();
    await expect
      .poll(() =>
        payments
          .getByRole('row', { name: new RegExp(worker.name) })
          .getByTestId('payment-status')
          .textContent(),
      )
      .toBe('已到账');
    await screenshot(page, 'journey-console-paid');
    await desk.close();

    // The model worker's phone: the application paid (已发放) in his list and on its page, and the message telling him.
    await app.goto('/');
    await app.getByTestId('svc-programmes').click();
    await app.getByTestId('my-applications').click();
    const mine = app.getByTestId('application-item').filter({ hasText: title });
    await expect.poll(() => mine.getByTestId('application-item-status').textContent()).toBe('已发放');
    await screenshot(app, 'journey-member-applications-paid');
    await mine.click();
    await expect.poll(() => app.getByTestId('application-status').textContent()).toBe('已发放');
    await screenshot(app, 'journey-member-application-paid');
    await app.goto('/');
    await app.getByTestId('messages').click();
    // The message names the programme that paid.
    await app.locator('.adm-list-item', { hasText: '补助资金已发放' }).filter({ hasText: title }).waitFor();
    await screenshot(app, 'journey-member-messages');
    await phone.close();
  });
});
