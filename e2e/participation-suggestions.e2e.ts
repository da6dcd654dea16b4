import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Demo members 213, 226 and 239 share a grassroots union (member i belongs to union i mod 13); no other journey uses them. */
const authorPhone = '13900000239';
const colleaguePhone = '13900000226';

describe.runIf(browserAvailable)('职工事大家议 and 会员评家', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a member suggests, a colleague supports, the union answers and the author reads it; a member answers a review and staff see the participation rate', async () => {
    const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
    const title = `夜班职工食堂延时 ${suffix}`;

    // The author posts a suggestion to their union from the app.
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, authorPhone);
    await app.getByTestId('svc-suggestions').click();
    await app.getByTestId('new-suggestion').click();
    await app.getByTestId('suggestion-title').locator('input').fill(title);
    await app
      .getByTestId('suggestion-body')
      .locator('textarea')
      .fill('夜班下班后食堂已关门，建议晚餐供应延长到21:00。');
    await app.getByTestId('post-suggestion').click();
    await app.getByTestId('suggestion-heading').getByText(title).waitFor();

    // The city's administrator names a participation officer (民主管理专干) of that union.
    const admin = await staffApiLogin('xian_admin');
    const found = await call<{ items: { id: string; org: { id: string } }[] }>(
      admin.token,
      'GET',
      `/api/v1/suggestions?q=${encodeURIComponent(title)}`,
      undefined,
      200,
    );
    const suggestion = found.items[0]!;
    const officer = { username: `po_${suffix}`, password: 'officer-pass-1' };
    await call(
      admin.token,
      'POST',
      '/api/v1/staff',
      { ...officer, orgId: suggestion.org.id, displayName: '民主管理专干', roles: ['participation_officer'] },
      201,
    );

    // A colleague of the same union supports it once.
    const phone2 = await phoneContext(browser);
    const colleague = await phone2.newPage();
    await memberSignIn(colleague, colleaguePhone);
    await colleague.getByTestId('svc-suggestions').click();
    await colleague.getByTestId('suggestion-item').filter({ hasText: title }).click();
    await colleague.getByTestId('support').click();
    await colleague.getByTestId('supported').waitFor();
    expect(await colleague.getByTestId('support-count').textContent()).toContain('1 人附议');
    await screenshot(colleague, 'suggestion-supported');

    // The officer answers it in the console, sorting the queue by supports.
    const desk = await desktopContext(browser);
    const consolePage = await desk.newPage();
    await staffSignIn(consolePage, officer.username, officer.password);
    await consolePage.goto('/console/suggestions');
    await consolePage.getByText('附议最多').click();
    await consolePage.getByTestId('suggestions-table').getByText(title).click();
    await consolePage.getByTestId('answer-suggestion').click();
    const reply = '已与食堂协商，下月起晚餐供应延长至21:00。';
    await consolePage.getByTestId('action-text').fill(reply);
    await consolePage.getByTestId('save-action').click();
    await consolePage.getByTestId('suggestion-status').getByText('已答复').waitFor();
    await screenshot(consolePage, 'suggestion-answered');

    // The author reads the union's answer.
    await app.reload();
    expect(await app.getByTestId('suggestion-reply').textContent()).toBe(reply);
    expect(await app.getByTestId('suggestion-status').textContent()).toBe('已答复');

    // 会员评家: the union runs a review; the colleague answers it in the app.
    const officerApi = await staffApiLogin(officer.username, officer.password);
    const review = await call<{ id: string }>(
      officerApi.token,
      'POST',
      '/api/v1/union-reviews',
      {
        orgId: suggestion.org.id,
        title: `会员评家 ${suffix}`,
        questions: [{ text: '对本单位工会维权服务是否满意' }, { text: '对职工之家建设是否满意' }],
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
      201,
    );
    await colleague.goto('/reviews');
    await colleague
      .getByTestId('review-item')
      .filter({ hasText: `会员评家 ${suffix}` })
      .click();
    await colleague.getByTestId('q1-satisfied').click();
    await colleague.getByTestId('q2-fairly_satisfied').click();
    await colleague.getByTestId('submit-review').click();
    await colleague.getByTestId('review-responded').waitFor();
    await screenshot(colleague, 'review-answered');

    // Staff read the participation rate: one response over the union's members now.
    const result = await call<{ overall: { members: number; responses: number } }>(
      officerApi.token,
      'GET',
      `/api/v1/union-reviews/${review.id}/result`,
      undefined,
      200,
    );
    expect(result.overall.responses).toBe(1);
    await consolePage.goto(`/console/union-reviews/${review.id}`);
    const rate = `${((1 / result.overall.members) * 100).toFixed(1)}%`;
    await consolePage.getByTestId('participation-rate').getByText(rate).waitFor();
    expect(await consolePage.getByTestId('satisfaction-rate').textContent()).toContain('100.0%');
    await screenshot(consolePage, 'review-result');
    await phone.close();
    await phone2.close();
    await desk.close();
  });
});
