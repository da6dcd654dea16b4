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
import { call, sheetRows } from './programmes.js';

/** Demo member 262; no other journey uses it. */
const memberPhone = '13900000262';

describe.runIf(browserAvailable)('问卷调查', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a member answers a questionnaire once; the console shows the results per question and per union, and exports them', async () => {
    const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
    const title = `职工需求调查 ${suffix}`;
    const admin = await staffApiLogin('xian_admin');
    await call(
      admin.token,
      'POST',
      '/api/v1/questionnaires',
      {
        orgId: admin.orgId,
        title,
        questions: [
          { kind: 'single', text: '您对食堂的总体评价', options: ['满意', '一般', '不满意'] },
          { kind: 'multiple', text: '您希望工会组织哪些活动', options: ['健步走', '读书会', '球类比赛'] },
          { kind: 'rating', text: '为职工之家打分' },
          { kind: 'text', text: '其他意见和建议', required: false },
        ],
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
      201,
    );

    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, memberPhone);
    await app.getByTestId('svc-activities').click();
    await app.getByTestId('activity-questionnaires').click();
    await app.getByTestId('questionnaire-item').filter({ hasText: title }).click();
    expect(await app.getByTestId('submit-questionnaire').isDisabled()).toBe(true);
    await app.getByTestId('q1-o0').click();
    await app.getByTestId('q2-o0').click();
    await app.getByTestId('q2-o2').click();
    await app.getByTestId('q3-rating').getByText('4 分').click();
    await app.getByTestId('q4-text').locator('textarea').fill('希望增加夜班职工的晚餐供应');
    await screenshot(app, 'questionnaire-filled');
    await app.getByTestId('submit-questionnaire').click();
    await app.getByTestId('questionnaire-answered').waitFor();
    // Once: opened again, it shows the thanks, not the form.
    await app.reload();
    await app.getByTestId('questionnaire-answered').waitFor();
    expect(await app.getByTestId('submit-questionnaire').count()).toBe(0);

    const desk = await desktopContext(browser);
    const consolePage = await desk.newPage();
    await staffSignIn(consolePage, 'xian_admin', 'demo12345');
    await consolePage.goto('/console/activities/questionnaires');
    await consolePage.getByTestId('questionnaires-table').getByText(title).click();
    await consolePage.getByTestId('questionnaire-unions').waitFor();
    const results = consolePage.getByTestId('question-result');
    expect(await results.count()).toBe(4);
    expect(await results.nth(2).getByTestId('rating-average').textContent()).toBe('平均 4 分');
    await results.nth(3).getByText('希望增加夜班职工的晚餐供应').waitFor();
    await screenshot(consolePage, 'questionnaire-results');

    const [download] = await Promise.all([
      consolePage.waitForEvent('download'),
      consolePage.getByTestId('export-questionnaire').click(),
    ]);
    const rows = await sheetRows(download);
    expect(rows.some((r) => String(r['工会 / 题目 / 选项']).includes('第3题 为职工之家打分'))).toBe(true);
    expect(rows.some((r) => String(r['工会 / 题目 / 选项']).includes('希望增加夜班职工的晚餐供应'))).toBe(true);

    // The officer edits it (answered already: its questions are locked) and closes it now, after a confirm.
    await consolePage.getByTestId('edit-questionnaire').click();
    await consolePage.getByTestId('questions-locked').waitFor();
    await consolePage.getByTestId('questionnaire-edit-title').fill(`${title}（修订）`);
    await consolePage.getByTestId('save-questionnaire-edit').click();
    await consolePage.getByText(`${title}（修订）`).first().waitFor();
    await consolePage.getByTestId('close-questionnaire').click();
    await consolePage.locator('.ant-popconfirm .ant-btn-primary').click();
    await consolePage.getByTestId('close-questionnaire').waitFor({ state: 'detached' });
    await screenshot(consolePage, 'questionnaire-closed');
  });
});
