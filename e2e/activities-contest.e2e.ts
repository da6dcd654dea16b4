import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
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

const rubric = [
  { criterion: '创新性', weight: 40, maxScore: 10 },
  { criterion: '实用性', weight: 40, maxScore: 10 },
  { criterion: '经济效益', weight: 20, maxScore: 10 },
];

describe.runIf(browserAvailable)('五小 contest judged online (网报网评)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a member enters with a photo, a judge scores it blind in the console, the officer’s ranking follows, the member reads their award and certificate', async () => {
    // A district federation of its own with two grassroots unions, its activity officer and four judges: three of
    // the federation, one of the factory union (who stands aside from the factory's entry: 回避).
    const admin = await staffApiLogin('xian_admin');
    const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
    const district = await call<{ id: string }>(
      admin.token,
      'POST',
      '/api/v1/orgs',
      { parentId: admin.orgId, name: `创新区总工会 ${suffix}`, kind: 'federation' },
      201,
    );
    const unionOf = (name: string) =>
      call<{ id: string; name: string }>(
        admin.token,
        'POST',
        '/api/v1/orgs',
        { parentId: district.id, name, kind: 'grassroots' },
        201,
      );
    const factory = await unionOf(`机床厂工会 ${suffix}`);
    const depot = await unionOf(`机务段工会 ${suffix}`);
    const password = 'judge-pass-123';
    const staffIn = async (username: string, orgId: string, roles: string[]) =>
      (await call<{ id: string }>(admin.token, 'POST', '/api/v1/staff', { username, password, orgId, roles }, 201)).id;
    const officer = `ao_${suffix}`;
    await staffIn(officer, district.id, ['activity_officer']);
    const judges = [`jd1_${suffix}`, `jd2_${suffix}`, `jd3_${suffix}`, `jd4_${suffix}`];
    const judgeIds = [
      await staffIn(judges[0]!, district.id, ['judge']),
      await staffIn(judges[1]!, district.id, ['judge']),
      await staffIn(judges[2]!, district.id, ['judge']),
      await staffIn(judges[3]!, factory.id, ['judge']),
    ];
    const officerApi = await staffApiLogin(officer, password);

    // The contest; a member of the factory enters it from the app, for their team, with a photo.
    const contestTitle = `五小创新成果评选 ${suffix}`;
    const contest = await call<{ id: string }>(
      officerApi.token,
      'POST',
      '/api/v1/contests',
      { orgId: district.id, title: contestTitle, rubric },
      201,
    );
    const entrant = '王建国';
    const memberPhone = `137${suffix}01`;
    await call(admin.token, 'POST', '/api/v1/members', { name: entrant, phone: memberPhone, orgId: factory.id }, 201);
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, memberPhone);
    await app.goto('/activities');
    await app.getByTestId('activity-contests').click();
    await app
      .getByTestId('open-contests')
      .locator('.adm-list-item', { hasText: contestTitle })
      .getByTestId('enter-contest')
      .click();
    const entryTitle = `数控车床快速换刀装置 ${suffix}`;
    await app.getByTestId('entry-title').locator('input').fill(entryTitle);
    await app.getByTestId('entry-category').getByText('小发明').click();
    await app
      .getByTestId('entry-description')
      .locator('textarea')
      .fill('换刀时间由15分钟缩短到3分钟，年节约工时两千小时。');
    await app.getByTestId('as-team').click();
    await app.getByTestId('team-name').locator('input').fill('王建国创新工作室');
    await app.getByTestId('team-members').locator('input').fill('张伟、刘洋');
    await app.getByTestId('entry-files').setInputFiles({
      name: '王建国-换刀装置.png',
      mimeType: 'image/png',
      buffer: PNG.sync.write(new PNG({ width: 8, height: 8 })),
    });
    await app.getByText('王建国-换刀装置.png').waitFor();
    await screenshot(app, 'contest-member-entry');
    await app.getByTestId('submit-entry').click();
    await app.getByTestId('my-entries').getByText(entryTitle).waitFor();
    const mine = await call<{ items: { id: string; files: unknown[] }[] }>(
      await memberTokenOf(app),
      'GET',
      '/api/v1/me/contest-entries',
      undefined,
      200,
    );
    const factoryEntry = mine.items[0]!;
    expect(factoryEntry.files).toHaveLength(1);

    // A team of the depot entered by the officer; judges named and assigned.
    await call(
      officerApi.token,
      'POST',
      `/api/v1/contests/${contest.id}/entries`,
      {
        title: `机车轮对检测小革新 ${suffix}`,
        category: 'innovation',
        description: '检测效率提高一倍。',
        orgId: depot.id,
        entrantName: '机务段检修车间',
      },
      201,
    );
    await call(officerApi.token, 'POST', `/api/v1/contests/${contest.id}/judges`, { staffIds: judgeIds }, 200);
    await call(officerApi.token, 'POST', `/api/v1/contests/${contest.id}/assignments`, undefined, 201);
    // The factory's judge is never given the factory's entry.
    const factoryJudge = await staffApiLogin(judges[3]!, password);
    const theirs = await call<{ items: { entryId: string }[] }>(
      factoryJudge.token,
      'GET',
      '/api/v1/judging/assignments',
      undefined,
      200,
    );
    expect(theirs.items.map((i) => i.entryId)).not.toContain(factoryEntry.id);

    // The officer watches the ranking: the factory's entry not yet scored.
    const officerDesk = await desktopContext(browser);
    const officerPage = await officerDesk.newPage();
    await staffSignIn(officerPage, officer, password);
    await officerPage.goto(`/console/activities/contests/${contest.id}?tab=ranking`);
    const row = officerPage.getByTestId('ranking-table').locator('tr', { hasText: entryTitle });
    await row.getByTestId('incomplete').getByText('0/3').waitFor();

    // A judge of the federation signs in, lands on their queue, opens the entry and scores it, never seeing who made it.
    const judgeDesk = await desktopContext(browser);
    const judgePage = await judgeDesk.newPage();
    await staffSignIn(judgePage, judges[0]!, password);
    await judgePage.waitForURL('**/console/activities/judging');
    await judgePage.getByTestId('judging-queue').getByText(entryTitle).click();
    const sheet = judgePage.getByTestId('judge-entry');
    await sheet.waitFor();
    const shown = (await judgePage.locator('body').textContent()) ?? '';
    expect(shown).not.toContain(entrant);
    expect(shown).not.toContain('创新工作室');
    expect(shown).not.toContain(factory.name);
    await sheet.getByText('附件1.png').waitFor();
    for (const [i, value] of [9, 8, 10].entries())
      await sheet.getByTestId(`score-${i}`).locator('input').fill(String(value));
    // 40·0.9 + 40·0.8 + 20·1.0 = 88
    await sheet.getByText('88.00').waitFor();
    await screenshot(judgePage, 'contest-judge-scoring');
    await sheet.getByTestId('save-score').click();
    await judgePage
      .getByTestId('judging-queue')
      .locator('tr', { hasText: entryTitle })
      .getByText('已评 88.00 分')
      .waitFor();

    // The ranking follows: one of three judges, then — once the other two have scored — the final score.
    await row.getByTestId('incomplete').getByText('1/3').waitFor({ timeout: 30_000 });
    for (const [n, scores] of [
      [1, [7, 7, 7]],
      [2, [8, 8, 8]],
    ] as const) {
      const judge = await staffApiLogin(judges[n]!, password);
      await call(
        judge.token,
        'PUT',
        `/api/v1/contest-entries/${factoryEntry.id}/scores`,
        { scores: rubric.map((c, i) => ({ criterion: c.criterion, score: scores[i] })) },
        200,
      );
    }
    // (88 + 70 + 80) / 3 = 79.33
    await row.getByTestId('final-score').getByText('79.33').waitFor({ timeout: 30_000 });
    await screenshot(officerPage, 'contest-ranking');

    // Judging closes, the officer gives the award; the member reads it and opens the certificate.
    await call(officerApi.token, 'POST', `/api/v1/contests/${contest.id}/close`, undefined, 200);
    await call(
      officerApi.token,
      'POST',
      `/api/v1/contests/${contest.id}/awards`,
      { entryId: factoryEntry.id, award: 'second' },
      200,
    );
    await app.reload();
    const myEntry = app.getByTestId('my-entries').locator('.adm-list-item', { hasText: entryTitle });
    await myEntry.getByTestId('entry-award').getByText('二等奖').waitFor();
    await myEntry.click();
    await app.getByTestId('certificate-award').getByText('二等奖').waitFor();
    expect(await app.getByTestId('certificate-name').textContent()).toContain('王建国创新工作室');
    await screenshot(app, 'contest-certificate');
    await phone.close();
    await judgeDesk.close();
    await officerDesk.close();
  });
});

/** The member app's session token, where the app keeps it. */
async function memberTokenOf(page: Page): Promise<string> {
  const token = await page.evaluate(() => localStorage.getItem('su.member.token'));
  if (!token) throw new Error('no member token in the page');
  return token;
}
