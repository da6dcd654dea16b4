import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.js';
import {
  baseUrl,
  browserAvailable,
  launch,
  memberSignIn,
  moveServerClock,
  phoneContext,
  screenshot,
  staffApiLogin,
} from './browser.js';

/** 灞桥区纺织厂工会's demo member 115, whom no other journey uses; the district's administrator runs the programmes. */
const memberPhone = '13900000115';

async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** A Shanghai calendar date `days` from now. */
const shanghaiDate = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));

describe.runIf(browserAvailable)('医疗互助 claims and 劳模疗休养 places in the member app', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    // Whatever happened, the journeys after this one run on the real time.
    await moveServerClock(0);
    await browser?.close();
  });

  it('an enrolled member files a mutual-aid claim and reads what it pays and what is left; applies for a model-worker fund (refused in words until registered and checked, then once a year); signs up for a trip, gets a place and declines it', async () => {
    let staff = await staffApiLogin('d11_admin');
    const suffix = Date.now() % 100000;
    const [member] = (await call<{ items: { id: string }[] }>(staff.token, 'GET', `/api/v1/members?q=${memberPhone}`))
      .items;

    // 医疗互助: each bill's self-paid part up to 10,000 yuan at 50 %, above it at 70 %; at most 20,000 yuan a member.
    const mutualTitle = `职工医疗互助 ${suffix}`;
    const mutual = await call<{ id: string }>(staff.token, 'POST', '/api/v1/programmes', {
      kind: 'medical_mutual_aid',
      title: mutualTitle,
      orgId: staff.orgId,
      opensAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      rules: {
        reviewLevels: 1,
        publicityDays: 5,
        mutualAid: { tiers: [{ uptoFen: 1_000_000, percent: 50 }, { percent: 70 }], perMemberCapFen: 2_000_000 },
      },
    });
    await call(staff.token, 'POST', `/api/v1/programmes/${mutual.id}/enrolments`, { memberId: member!.id });

    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, memberPhone);
    await app.getByTestId('svc-programmes').click();
    await app.getByTestId('my-mutual-aid').click();
    const standing = app.getByTestId('mutual-aid-item').filter({ hasText: mutualTitle });
    await standing.waitFor();
    expect(await standing.getByTestId('mutual-aid-left').textContent()).toBe('¥20,000.00');
    await expectAccessible(app, 'my mutual aid');
    await screenshot(app, 'member-mutual-aid');
    await standing.getByTestId('new-claim').click();

    // One hospital stay: 30,000 yuan, of which basic insurance paid 12,000 and major-illness insurance 3,000.
    await app.getByTestId('bill-totalYuan').locator('input').fill('30000');
    await app.getByTestId('bill-basicYuan').locator('input').fill('12000');
    await app.getByTestId('bill-majorYuan').locator('input').fill('3000');
    await app.getByTestId('bill-admittedOn').locator('input').fill(shanghaiDate(-3));
    await app.getByTestId('bill-hospital').locator('input').fill('西安市第一医院');
    const invoice = new PNG({ width: 40, height: 30 });
    invoice.data.fill(220);
    await app
      .locator('input[type=file]')
      .setInputFiles([{ name: '住院发票.png', mimeType: 'image/png', buffer: PNG.sync.write(invoice) }]);
    await expect
      .poll(() => app.getByTestId('document-names').locator('li').allTextContents())
      .toEqual(['住院发票.png']);
    await app.getByTestId('payee-bank').locator('input').fill('中国工商银行西安灞桥支行');
    await app.getByTestId('payee-account').locator('input').fill('6222020200998877665');
    await app.getByTestId('bill-invoiceNo').locator('input').click();
    // The phone reloads the page: the draft is kept on it.
    await app.reload();
    await app.getByTestId('draft-restored').waitFor();
    expect(await app.getByTestId('bill-totalYuan').locator('input').inputValue()).toBe('30000');
    expect(await app.getByTestId('payee-account-masked').textContent()).toBe('****7665');
    expect(await app.getByTestId('document-names').locator('li').allTextContents()).toEqual(['住院发票.png']);
    await expectAccessible(app, 'mutual-aid claim form');
    await screenshot(app, 'member-mutual-aid-claim');
    await app.getByTestId('submit-claim').click();

    // Self-paid 15,000 yuan: 10,000 × 50 % + 5,000 × 70 % = 8,500 yuan, leaving 11,500 of the cap.
    await expect.poll(() => app.getByTestId('claim-amount').textContent()).toBe('¥8,500.00');
    expect(await app.getByTestId('bill-self-paid').textContent()).toBe('¥15,000.00');
    expect(await app.getByTestId('bill-tiers').locator('tbody tr').allTextContents()).toEqual([
      expect.stringContaining('¥5,000.00'),
      expect.stringContaining('¥3,500.00'),
    ]);
    expect(await app.getByTestId('claim-left-after').textContent()).toBe('¥11,500.00');
    expect(await app.getByTestId('claim-capped').count()).toBe(0);
    await expectAccessible(app, 'mutual-aid claim computed');
    await screenshot(app, 'member-mutual-aid-computed');
    await app.getByTestId('open-claim').click();
    await expect.poll(() => app.getByTestId('application-status').textContent()).toBe('待初审');
    expect(await app.getByTestId('application-amount').textContent()).toBe('¥8,500.00');
    // The claim's page keeps the computation bill by bill.
    expect(await app.getByTestId('bill-computed').textContent()).toContain('¥8,500.00');
    await expectAccessible(app, 'mutual-aid claim as an application');
    await app.goto('/mutual-aid');
    const after = app.getByTestId('mutual-aid-item').filter({ hasText: mutualTitle });
    await expect.poll(() => after.getByTestId('mutual-aid-used').textContent()).toBe('¥8,500.00');
    expect(await after.getByTestId('mutual-aid-left').textContent()).toBe('¥11,500.00');
    // The draft went once the claim was sent.
    await after.getByTestId('new-claim').click();
    await app.getByTestId('bill-totalYuan').waitFor();
    expect(await app.getByTestId('draft-restored').count()).toBe(0);

    // 劳模特殊困难帮扶金: the hardship is one of the three the fund pays for. Not on the model-worker register, the
    // member is told so; once registered and checked for the year, the application goes in; a second programme of
    // the same fund that year is refused in words, with the way to the application already made.
    const fund = (title: string) =>
      call<{ id: string }>(staff.token, 'POST', '/api/v1/programmes', {
        kind: 'model_worker_fund',
        title,
        orgId: staff.orgId,
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        rules: {
          reviewLevels: 1,
          publicityDays: 5,
          standardAmountFen: 500_000,
          modelWorkerFund: { fund: 'special_hardship' },
        },
      });
    const hardship = await fund(`劳模特殊困难帮扶 ${suffix}`);
    const applyForHardship = async (programmeId: string) => {
      await app.goto(`/programmes/${programmeId}/apply`);
      await app.getByTestId('standard-amount').waitFor();
      await app.getByTestId('payee-bank').locator('input').fill('中国工商银行西安灞桥支行');
      await app.getByTestId('payee-account').locator('input').fill('6222020200998877665');
      await app.getByTestId('detail-hardship').getByText('患重大疾病').click();
      await app.getByTestId('detail-description').locator('textarea').fill('今年三月确诊肺癌，正在化疗');
      await app.getByTestId('submit-application').click();
    };
    await applyForHardship(hardship.id);
    await expect.poll(() => app.getByTestId('apply-conflict').textContent()).toContain('您不在劳模名册中');
    await screenshot(app, 'member-model-worker-not-registered');
    const registered = await call<{ id: string }>(staff.token, 'POST', '/api/v1/model-workers', {
      memberId: member!.id,
      honourLevel: 'provincial',
      title: '陕西省劳动模范',
      awardedYear: 2015,
    });
    await app.getByTestId('submit-application').click();
    await expect.poll(() => app.getByTestId('apply-conflict').textContent()).toContain(`年度的劳模核查还没有完成`);
    await call(staff.token, 'POST', `/api/v1/model-workers/${registered.id}/checks`, {
      year: Number(shanghaiDate(0).slice(0, 4)),
      outcome: 'confirmed',
    });
    await app.getByTestId('submit-application').click();
    await expect.poll(() => app.getByTestId('application-status').textContent()).toBe('待初审');
    expect(await app.getByTestId('application-detail-hardship').textContent()).toContain('患重大疾病');
    expect(await app.getByTestId('application-amount').textContent()).toBe('¥5,000.00');
    const hardshipApplication = new URL(app.url()).pathname;
    const again = await fund(`劳模特殊困难帮扶（追加） ${suffix}`);
    await applyForHardship(again.id);
    await expect.poll(() => app.getByTestId('apply-conflict').textContent()).toContain('已经申请过劳模特殊困难帮扶金');
    await expectAccessible(app, 'model-worker fund applied twice');
    await app.getByTestId('open-existing').click();
    await expect.poll(() => new URL(app.url()).pathname).toBe(hardshipApplication);

    // 劳模疗休养: one place, front-line workers first; signups close in ten minutes.
    const tripTitle = `劳模疗休养 ${suffix}`;
    const trip = await call<{ id: string }>(staff.token, 'POST', '/api/v1/programmes', {
      kind: 'recuperation',
      title: tripTitle,
      orgId: staff.orgId,
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      rules: { quota: { places: 1, eventDate: shanghaiDate(2), priority: [{ by: 'front_line' }] } },
    });
    await app.goto('/programmes');
    await app.getByTestId('programme-item').filter({ hasText: tripTitle }).click();
    await app.getByTestId('rule-places').waitFor();
    expect(await app.getByTestId('rule-places').textContent()).toContain('共 1 个名额');
    expect(await app.getByTestId('rule-priority').textContent()).toContain('一线职工优先 → 按报名先后');
    expect(await app.getByTestId('apply').count()).toBe(0);
    expect(await app.getByTestId('programme-notices').count()).toBe(0);
    await app.getByTestId('signup-front-line').click();
    await expectAccessible(app, 'recuperation signup');
    await app.getByTestId('sign-up').click();
    await expect.poll(() => app.getByTestId('signup-status').textContent()).toBe('已报名');
    await screenshot(app, 'member-signup');
    await app.getByTestId('open-signups').click();
    const signup = app.getByTestId('signup-item').filter({ hasText: tripTitle });
    await expect.poll(() => signup.getByTestId('signup-item-status').textContent()).toBe('已报名');
    expect(await signup.getByTestId('signup-withdraw').count()).toBe(1);

    // An hour later signups have closed; the officer (signed in again) allocates the place.
    await moveServerClock(3_600_000);
    staff = await staffApiLogin('d11_admin');
    const allocation = await call<{ allocated: number }>(
      staff.token,
      'POST',
      `/api/v1/programmes/${trip.id}/allocation`,
      {},
    );
    expect(allocation.allocated).toBe(1);
    await app.reload();
    await expect.poll(() => signup.getByTestId('signup-item-status').textContent()).toBe('已获名额');
    expect(await signup.getByTestId('signup-item-standing').textContent()).toBe('名额 第 1 号');
    expect(await signup.getByTestId('signup-withdraw').count()).toBe(0);
    await expectAccessible(app, 'my signups with a place');
    await screenshot(app, 'member-signup-allocated');

    // The member is told: the message opens the signup, where they give the place back (they cannot go after all).
    await app.goto('/messages');
    await app.getByText('您已获得名额').first().click();
    await expect.poll(() => app.getByTestId('signup-status').textContent()).toBe('已获名额');
    expect(await app.getByTestId('signup-standing').textContent()).toBe('名额 第 1 号');
    expect(await app.getByTestId('signup-timeline').textContent()).toContain('已报名');
    await expectAccessible(app, 'one signup with its place');
    await app.getByTestId('signup-decline').click();
    await app.locator('.adm-dialog').getByText('放弃名额').click();
    await expect.poll(() => app.getByTestId('signup-status').textContent()).toBe('已放弃');
    expect(await app.getByTestId('signup-decline').count()).toBe(0);
    await screenshot(app, 'member-signup-declined');
    await app.goto('/signups');
    await expect.poll(() => signup.getByTestId('signup-item-status').textContent()).toBe('已放弃');
    const [row] = (
      await call<{ items: { status: string; placeNo: number | null }[] }>(
        staff.token,
        'GET',
        `/api/v1/programmes/${trip.id}/signups`,
      )
    ).items;
    expect(row).toMatchObject({ status: 'declined' });
    await moveServerClock(0);
    await phone.close();
  });
});
