import ExcelJS from 'exceljs';
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

/** The bank the officer imports: the right answer is always A (and B too for the multiple-choice one). */
async function bankFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题库');
  ws.addRow(['题型', '题目', '选项A', '选项B', '选项C', '选项D', '正确答案', '解析']);
  ws.addRow(['单选', '发现安全隐患应当怎么做？', '立即报告', '置之不理', '自行拆除', '', 'A', '《安全生产法》']);
  ws.addRow(['多选', '下列哪些属于个人防护用品？', '安全帽', '防护手套', '拖鞋', '', 'AB', '']);
  ws.addRow(['判断', '进入施工现场必须佩戴安全帽。', '', '', '', '', '对', '']);
  ws.addRow(['问答', '请简述消防器材的使用方法。', '', '', '', '', 'A', '']); // not a kind the bank takes
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * 安全生产知识竞赛: a union's activity officer creates a quiz in the console and imports its bank from a workbook
 * (the bad row is reported with its number); a member of the union finds it under 工会活动, answers against the
 * countdown, submits, and sees the score with the right answers, then their line on the leaderboard.
 */
describe.runIf(browserAvailable)('知识竞赛: a member takes a quiz', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the officer builds the quiz in the console; the member takes it and sees the score', async () => {
    const admin = await staffApiLogin('xian_admin');
    const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
    const union = await call<{ id: string; name: string }>(
      admin.token,
      'POST',
      '/api/v1/orgs',
      { parentId: admin.orgId, name: `安全竞赛工会 ${suffix}`, kind: 'grassroots' },
      201,
    );
    const password = 'officer-pass-1';
    const officer = `qo_${suffix}`;
    await call(
      admin.token,
      'POST',
      '/api/v1/staff',
      { username: officer, password, orgId: union.id, roles: ['activity_officer'] },
      201,
    );
    const phone = `137${suffix}${suffix.slice(-2)}`;
    const memberName = `刘安全${suffix.slice(-2)}`;
    await call(admin.token, 'POST', '/api/v1/members', { name: memberName, phone, orgId: union.id }, 201);

    // The officer creates the quiz: three questions an attempt, and imports the bank.
    const desk = await desktopContext(browser);
    const consolePage = await desk.newPage();
    await staffSignIn(consolePage, officer, password);
    await consolePage.goto('/console/activities/quizzes');
    await consolePage.getByTestId('quizzes-table').waitFor();
    await consolePage.getByTestId('new-quiz').click();
    const form = consolePage.locator('.ant-modal-wrap:visible');
    const title = `安全生产知识竞赛 ${suffix}`;
    await form.getByTestId('quiz-title').fill(title);
    await form.getByTestId('quiz-questions-per-attempt').fill('3');
    await form.getByTestId('save-quiz').click();
    await consolePage.getByTestId('quiz-summary').waitFor();
    await consolePage.getByTestId('import-questions').click();
    await consolePage
      .getByRole('dialog')
      .locator('input[type=file]')
      .setInputFiles({
        name: '题库.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await bankFile(),
      });
    await consolePage.getByText(/导入完成/).waitFor({ timeout: 60_000 });
    const status = await consolePage.getByTestId('import-status').textContent();
    expect(status).toContain('成功 3 行');
    expect(status).toContain('失败 1 行');
    expect(await consolePage.getByTestId('import-errors').textContent()).toContain('题型应为');
    await screenshot(consolePage, 'console-quiz-import');
    await consolePage.getByRole('button', { name: /取\s*消|Cancel/ }).click();
    await consolePage.getByTestId('questions-table').getByText('进入施工现场必须佩戴安全帽。').waitFor();
    await screenshot(consolePage, 'console-quiz');

    // The member finds it under 工会活动 and takes it.
    const phoneCtx = await phoneContext(browser);
    const app = await phoneCtx.newPage();
    await memberSignIn(app, phone);
    await app.goto('/activities');
    await app.getByTestId('activity-quizzes').click();
    await app.getByTestId('quiz-item').filter({ hasText: title }).click();
    expect(await app.getByTestId('attempts-left').textContent()).toContain('3');
    await app.getByTestId('start-quiz').click();
    await app.getByTestId('countdown').waitFor();
    // The server's deadline against the phone's clock: a second either way (rounding, the request's time in flight).
    expect(await app.getByTestId('countdown').textContent()).toMatch(/剩余时间 (09:[45]\d|10:0\d)/);
    const questions = app.getByTestId('quiz-question');
    expect(await questions.count()).toBe(3);
    await screenshot(app, 'member-quiz-attempt');
    for (let i = 0; i < 3; i++) {
      const card = questions.nth(i);
      await card.getByTestId('option-A').click();
      if ((await card.textContent())?.includes('多选')) await card.getByTestId('option-B').click();
    }
    await app.getByTestId('submit-quiz').click();
    await app.getByTestId('quiz-result').waitFor();
    expect(await app.getByTestId('quiz-score').textContent()).toBe('100 分');
    expect(await app.getByTestId('quiz-result').textContent()).toContain('答对 3 / 3 题');
    // Two more attempts are left today: the right answers wait until they are used (or the quiz ends).
    expect(await app.getByTestId('review-withheld').textContent()).toContain('今日答题次数用完');
    expect(await app.getByTestId('review-item').count()).toBe(0);
    await screenshot(app, 'member-quiz-score');

    // The quiz page counts the attempt; the leaderboard shows the member's line.
    await app.goBack();
    await app.getByTestId('my-attempts').waitFor();
    expect(await app.getByTestId('attempts-left').textContent()).toContain('2');
    await app.getByTestId('open-leaderboard').click();
    await app.getByTestId('my-rank').waitFor();
    expect(await app.getByTestId('my-rank').textContent()).toContain('第 1 名');
    expect(await app.getByTestId('leaderboard').textContent()).toContain(
      `${memberName[0]}${'*'.repeat(memberName.length - 2)}${memberName.at(-1)}`,
    );
    await screenshot(app, 'member-quiz-leaderboard');

    // The console's leaderboard has the member's full name.
    await consolePage.getByRole('tab', { name: '排行榜' }).click();
    await consolePage.getByTestId('quiz-leaderboard').getByText(memberName).waitFor();
    await desk.close();
    await phoneCtx.close();
  });
});
