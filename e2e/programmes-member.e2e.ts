import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  browserAvailable,
  launch,
  memberApiToken,
  memberSignIn,
  phoneContext,
  screenshot,
  staffApiLogin,
} from './browser.js';
import { expectAccessible } from './axe.js';

/** 灞桥区: its one grassroots union (灞桥区纺织厂工会) has demo members 63 and 76, whom no other journey uses. */
const applicantPhone = '13900000063';
const otherPhone = '13900000076';

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

/** The draft the form keeps on the phone, once it holds `text`. */
async function draftHolds(page: Page, text: string): Promise<boolean> {
  return page.evaluate(
    (t) =>
      Object.keys(localStorage).some(
        (k) => k.startsWith('su.programmes.draft.') && (localStorage.getItem(k) ?? '').includes(t),
      ),
    text,
  );
}

describe.runIf(browserAvailable)('benefit programmes 补助申请 in the member app', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a member applies to 金秋助学 from a draft that survives a reload, corrects it, objects on its public notice; withdraws a 勤工俭学 placement, applies again and reads the days the unit recorded', async () => {
    // The district federation runs the programme; it is also the one review level.
    const staff = await staffApiLogin('d11_admin');
    const title = `金秋助学 ${Date.now() % 100000}`;
    const programme = await call<{ id: string }>(staff.token, 'POST', '/api/v1/programmes', {
      kind: 'student_aid',
      title,
      orgId: staff.orgId,
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      rules: {
        reviewLevels: 1,
        publicityDays: 5,
        period: 'year',
        caps: { perApplicationFen: 500_000 },
        studentAid: { groups: ['model_worker_child', 'platform_worker_child'] },
      },
    });

    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, applicantPhone);
    await app.getByTestId('svc-programmes').click();
    await app.getByTestId('programme-item').filter({ hasText: title }).click();
    // The rules in plain words.
    await app.getByTestId('programme-title').waitFor();
    expect(await app.getByTestId('rule-caps').textContent()).toContain('每次申请不超过 ¥5,000.00');
    expect(await app.getByTestId('rule-period').textContent()).toContain('每人每年限申请一次');
    expect(await app.getByTestId('rule-publicity').textContent()).toContain('公示 5 天');
    await screenshot(app, 'member-programme-rules');
    await app.getByTestId('apply').click();

    // Half the form, then the phone reloads the page: nothing is lost.
    await app.getByTestId('apply-amount').locator('input').fill('3000');
    await app.getByTestId('payee-bank').locator('input').fill('中国工商银行西安灞桥支行');
    await app.getByTestId('payee-account').locator('input').fill('6222020200112233445');
    await app.getByTestId('detail-studentName').locator('input').fill('李小明');
    await app.getByTestId('detail-studentName').locator('input').press('Tab');
    // Once typed, the account number shows its last four digits only.
    await expect.poll(() => app.getByTestId('payee-account-masked').textContent()).toBe('****3445');
    await expect.poll(() => draftHolds(app, '李小明')).toBe(true);
    await app.reload();
    await app.getByTestId('draft-restored').waitFor();
    expect(await app.getByTestId('apply-amount').locator('input').inputValue()).toBe('3000');
    expect(await app.getByTestId('payee-bank').locator('input').inputValue()).toBe('中国工商银行西安灞桥支行');
    expect(await app.getByTestId('payee-account-masked').textContent()).toBe('****3445');
    expect(await app.getByTestId('detail-studentName').locator('input').inputValue()).toBe('李小明');
    await screenshot(app, 'member-programme-draft');

    // The school is required: the form says so on the field before anything is sent.
    await app.getByTestId('submit-application').click();
    await app.getByTestId('error-details.school').waitFor();
    await app.getByTestId('detail-school').locator('input').fill('西安交通大学');
    await app.getByTestId('detail-enrolment').getByText('已录取').click();
    await app.getByTestId('detail-grade').locator('input').fill('大学一年级');
    const letter = new PNG({ width: 40, height: 30 });
    letter.data.fill(200);
    await app
      .locator('input[type=file]')
      .setInputFiles([{ name: '录取通知书.png', mimeType: 'image/png', buffer: PNG.sync.write(letter) }]);
    await expect
      .poll(() => app.getByTestId('document-names').locator('li').allTextContents())
      .toEqual(['录取通知书.png']);
    // Not yet on the register, and a nurse (护士: not platform work): the programme's groups answer no, each in words.
    await app.getByTestId('apply-amount').locator('input').fill('3000');
    await app.getByTestId('submit-application').click();
    await expect.poll(() => app.getByTestId('apply-conflict').textContent()).toContain('这个项目只面向以下人员的子女');
    expect(await app.getByTestId('apply-conflict').textContent()).toContain('劳模子女：您不在劳模名册中');
    expect(await app.getByTestId('apply-conflict').textContent()).toContain(
      '新就业形态劳动者子女：会员信息中的职业不属于新就业形态',
    );
    await screenshot(app, 'member-student-aid-not-eligible');
    // The district registers the applicant as a model worker (their child qualifies); the other member drives a
    // lorry (货车司机: platform work).
    const [applicant] = (
      await call<{ items: { id: string }[] }>(staff.token, 'GET', `/api/v1/members?q=${applicantPhone}`)
    ).items;
    await call(staff.token, 'POST', '/api/v1/model-workers', {
      memberId: applicant!.id,
      honourLevel: 'municipal',
      title: '西安市劳动模范',
      awardedYear: 2019,
    });
    // Over the programme's cap: the 409 says which cap and how much is left, above the button.
    await app.getByTestId('apply-amount').locator('input').fill('6000');
    await app.getByTestId('submit-application').click();
    await expect
      .poll(() => app.getByTestId('apply-conflict').textContent())
      .toBe('超过单次申请上限（¥5,000.00），您最多还能申请 ¥5,000.00');
    await screenshot(app, 'member-application-cap');
    await app.getByTestId('apply-amount').locator('input').fill('3000');
    expect(await app.getByTestId('apply-conflict').count()).toBe(0);
    await app.getByTestId('submit-application').click();
    await expect.poll(() => app.getByTestId('application-status').textContent()).toBe('待初审');
    expect(await app.getByTestId('application-amount').textContent()).toBe('¥3,000.00');
    expect(await app.getByTestId('application-payee').textContent()).toBe('中国工商银行西安灞桥支行 ****3445');
    const applicationId = new URL(app.url()).pathname.split('/').pop()!;
    expect(await draftHolds(app, '李小明')).toBe(false);
    await screenshot(app, 'member-application-submitted');

    // My applications lists it, with its state.
    await app.getByTestId('back').click();
    const mine = app.getByTestId('application-item').filter({ hasText: title });
    await mine.waitFor();
    expect(await mine.getByTestId('application-item-status').textContent()).toBe('待初审');
    await screenshot(app, 'member-applications');

    // A second application for the same year: the draft was cleared, and the server's 409 is said plainly.
    await app.goto(`/programmes/${programme.id}/apply`);
    expect(await app.getByTestId('apply-amount').locator('input').inputValue()).toBe('');
    expect(await app.getByTestId('draft-restored').count()).toBe(0);
    await app.getByTestId('apply-amount').locator('input').fill('1000');
    await app.getByTestId('payee-bank').locator('input').fill('中国工商银行西安灞桥支行');
    await app.getByTestId('payee-account').locator('input').fill('6222020200112233445');
    await app.getByTestId('detail-studentName').locator('input').fill('李小明');
    await app.getByTestId('detail-school').locator('input').fill('西安交通大学');
    await app.getByTestId('detail-enrolment').getByText('已录取').click();
    await app.getByTestId('detail-grade').locator('input').fill('大学一年级');
    await app.getByTestId('submit-application').click();
    await expect.poll(() => app.getByTestId('apply-conflict').textContent()).toContain('不能重复申请');
    await screenshot(app, 'member-application-duplicate');
    await app.getByTestId('open-existing').click();
    await expect.poll(() => new URL(app.url()).pathname).toBe(`/applications/${applicationId}`);

    // The district returns it for correction; the member reads why, corrects the amount and resubmits.
    await call(staff.token, 'POST', `/api/v1/applications/${applicationId}/actions`, {
      action: 'review_return',
      reason: '助学金标准为每人2500元，请按标准修改申请金额',
    });
    await app.reload();
    await expect.poll(() => app.getByTestId('application-status').textContent()).toBe('已退回');
    expect(await app.getByTestId('return-reason').textContent()).toBe('助学金标准为每人2500元，请按标准修改申请金额');
    await screenshot(app, 'member-application-returned');
    await app.getByTestId('correct').click();
    await app.getByTestId('correct-reason').waitFor();
    await app.getByTestId('apply-amount').locator('input').fill('2500');
    await screenshot(app, 'member-application-correct');
    await app.getByTestId('submit-application').click();
    await expect.poll(() => app.getByTestId('application-status').textContent()).toBe('待初审');
    expect(await app.getByTestId('application-amount').textContent()).toBe('¥2,500.00');
    expect(await app.getByTestId('application-timeline').textContent()).toContain('修改后重新提交');

    // Reviewed, with a second member's application, and published on one notice.
    await call(staff.token, 'POST', `/api/v1/applications/${applicationId}/actions`, { action: 'review_pass' });
    const other = await call<{ id: string }>(
      await memberApiToken(otherPhone),
      'POST',
      `/api/v1/programmes/${programme.id}/applications`,
      {
        amountFen: 250_000,
        payee: { bank: '中国建设银行西安纺织城支行', accountNo: '6217000011112222' },
        details: { studentName: '何小雨', school: '陕西师范大学', enrolment: 'enrolled', grade: '大学二年级' },
      },
    );
    await call(staff.token, 'POST', `/api/v1/applications/${other.id}/actions`, { action: 'review_pass' });
    const published = await call<{ items: { id: string; contentHash: string }[] }>(
      staff.token,
      'POST',
      `/api/v1/programmes/${programme.id}/notices`,
      { applicationIds: [applicationId, other.id] },
    );
    const notice = published.items[0]!;

    // The public notice, opened from a link by someone who is not signed in.
    const visitorContext = await phoneContext(browser);
    const visitor = await visitorContext.newPage();
    await visitor.goto(`/notices/${notice.id}`);
    await visitor.getByTestId('notice-hash').waitFor();
    expect(await visitor.getByTestId('notice-hash').textContent()).toBe(notice.contentHash);
    expect(await visitor.getByTestId('notice-state').textContent()).toBe('公示中');
    const rows = visitor.getByTestId('notice-entry');
    expect(await rows.count()).toBe(2);
    const names = await rows.locator('td:nth-child(2)').allTextContents();
    for (const name of names) expect(name).toMatch(/^.\*+.?$/);
    expect(await rows.locator('td:nth-child(3)').allTextContents()).toEqual(['¥2,500.00', '¥2,500.00']);
    expect(await visitor.getByText('李小明').count()).toBe(0);
    await visitor.getByTestId('sign-in-to-object').waitFor();
    await screenshot(visitor, 'public-notice');
    await visitor.goto(`/programmes/${programme.id}/notices`);
    await visitor.getByTestId('notice-item').first().waitFor();
    expect(await visitor.getByTestId('notices-programme').textContent()).toBe(title);
    await screenshot(visitor, 'public-notice-list');
    await visitorContext.close();

    // The member sees the step reached and the notice listing the application, and objects to the other entry.
    await app.reload();
    await expect.poll(() => app.getByTestId('application-status').textContent()).toBe('公示中');
    await app.getByTestId('application-notice').click();
    await app.getByTestId('notice-hash').waitFor();
    await app.getByTestId('object-entry-2').click();
    expect(await app.getByTestId('objection-target').textContent()).toContain('第 2 号');
    await app.getByTestId('objection-content').locator('textarea').fill('据我了解此人子女已获得其他助学金，请核实');
    await app.getByTestId('submit-objection').click();
    await app.getByTestId('objection-received').waitFor();
    await app.reload();
    await expect.poll(() => app.getByTestId('objection-received').textContent()).toContain('第 2 号');
    await screenshot(app, 'member-objection-received');
    // The union has it, on the entry objected to.
    const objections = await call<{ items: { entryNo: number | null; content: string }[] }>(
      staff.token,
      'GET',
      `/api/v1/programmes/${programme.id}/objections`,
    );
    expect(objections.items.map((o) => o.entryNo)).toEqual([2]);

    // 勤工俭学 without publicity: the job type is picked, the employing unit found in the union directory, the
    // student named; no amount (the unit's recorded days make it). An application withdrawn during review frees the
    // period for a new one; once approved, the days the unit records show on the placement with the month's total.
    const workStudy = await call<{ id: string }>(staff.token, 'POST', '/api/v1/programmes', {
      kind: 'work_study',
      title: `勤工俭学 ${Date.now() % 100000}`,
      orgId: staff.orgId,
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      rules: { reviewLevels: 1, publicityDays: 0 },
    });
    await app.goto(`/programmes/${workStudy.id}`);
    expect(await app.getByTestId('rule-amount').textContent()).toContain('每天不超过 ¥150.00，每月不超过 ¥3,000.00');
    expect(await app.getByTestId('rule-publicity').textContent()).toContain('无需公示');
    expect(await app.getByTestId('programme-notices').count()).toBe(0);
    const applyForWork = async () => {
      await app.goto(`/programmes/${workStudy.id}/apply`);
      await app.getByTestId('computed-amount').waitFor();
      await app.getByTestId('payee-bank').locator('input').fill('中国工商银行西安灞桥支行');
      await app.getByTestId('payee-account').locator('input').fill('6222020200112233445');
      await app.getByTestId('detail-jobType').getByText('实习见习').click();
      await app.getByTestId('employer-search').locator('input').fill('纺织厂');
      await app.getByTestId('employer-option').filter({ hasText: '灞桥区纺织厂工会' }).click();
      await expect.poll(() => app.getByTestId('employer-picked').textContent()).toBe('灞桥区纺织厂工会');
      await app.getByTestId('detail-post').locator('input').fill('档案整理助理');
      await app.getByTestId('detail-studentName').locator('input').fill('李小明');
      await app.getByTestId('detail-school').locator('input').fill('西安交通大学');
      await app.getByTestId('submit-application').click();
      await expect.poll(() => app.getByTestId('application-status').textContent()).toBe('待初审');
      return new URL(app.url()).pathname;
    };
    const first = await applyForWork();
    expect(await app.getByTestId('application-amount').textContent()).toBe('¥0.00');
    expect(await app.getByTestId('application-detail-employerOrgId').textContent()).toContain('灞桥区纺织厂工会');
    expect(await app.getByTestId('application-detail-studentName').textContent()).toContain('李小明');
    expect(await app.getByText('实习见习').count()).toBe(1);
    expect(await app.getByTestId('application-steps').textContent()).not.toContain('公示');
    await screenshot(app, 'member-application-work-study');
    await app.getByTestId('withdraw').click();
    await app.locator('.adm-dialog').getByText('撤回申请').click();
    await expect.poll(() => app.getByTestId('application-status').textContent()).toBe('已撤回');
    expect(await app.getByTestId('withdraw').count()).toBe(0);
    const second = await applyForWork();
    expect(second).not.toBe(first);
    const placementId = second.split('/').pop()!;
    await call(staff.token, 'POST', `/api/v1/applications/${placementId}/actions`, { action: 'review_pass' });
    await call(staff.token, 'POST', `/api/v1/applications/${placementId}/actions`, { action: 'approve' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await call(staff.token, 'POST', `/api/v1/work-study/${placementId}/work-days`, {
      date: today,
      payFen: 15_000,
      note: '整理档案',
    });
    await app.reload();
    await app.getByTestId('work-day').first().waitFor();
    expect(await app.getByTestId('work-day').allTextContents()).toEqual([expect.stringContaining(today)]);
    expect(await app.getByTestId('work-month-total').allTextContents()).toEqual(['¥150.00']);
    expect(await app.getByTestId('work-month').textContent()).toContain('¥2,850.00');
    expect(await app.getByTestId('application-amount').textContent()).toBe('¥150.00');
    await expectAccessible(app, 'work-study placement with its days');
    await screenshot(app, 'member-work-study-days');
    await phone.close();
  });
});
