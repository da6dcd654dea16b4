import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
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

/** Demo members 287 and 293 (of the demo city, which runs the poll); no other journey signs them in. */
const voterPhone = '13900000287';
const nominatorPhone = '13900000293';

/** A small portrait for an entry: a PNG of one warm colour. */
function photo(): Buffer {
  const png = new PNG({ width: 48, height: 48 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([200, 120, 60, 255], i);
  return PNG.sync.write(png);
}

/**
 * 网络投票 ("most beautiful worker"): an activities officer of the city creates a poll in the console (its form
 * refusing limits that contradict each other) and adds entries; a member votes in the app until today's ballots are
 * used up and is told when they come back; the public results page, without sign-in, shows the votes; a member's
 * nomination waits for the officer, who approves it in the console; the top two go on to a final round.
 */
describe.runIf(browserAvailable)('网络投票: a public poll', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the officer creates a poll, a member votes to the daily limit, the public page shows the votes, a nomination is moderated, a final round begins', async () => {
    const admin = await staffApiLogin('xian_admin');
    const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
    const officer = { username: `ao_poll_${suffix}`, password: 'officer-pass-1' };
    await call(
      admin.token,
      'POST',
      '/api/v1/staff',
      { ...officer, orgId: admin.orgId, displayName: '活动专干', roles: ['activity_officer'] },
      201,
    );

    // The officer creates the poll in the console: 3 ballots a day, at most 2 for one entry.
    const desk = await desktopContext(browser);
    const consolePage = await desk.newPage();
    await staffSignIn(consolePage, officer.username, officer.password);
    await consolePage.getByTestId('activities-nav').getByRole('tab', { name: '网络投票' }).click();
    await consolePage.getByTestId('polls-table').waitFor();
    await consolePage.getByTestId('new-poll').click();
    const form = consolePage.locator('.ant-modal-wrap:visible');
    const title = `最美货车司机 ${suffix}`;
    await form.getByTestId('poll-title').fill(title);
    await form.getByTestId('poll-per-day').fill('3');
    await form.getByTestId('poll-per-entry').fill('5');
    await form.getByTestId('poll-per-entry').press('Tab');
    await form.getByText('不能多于每人每日票数').waitFor();
    await screenshot(consolePage, 'poll-form-invalid');
    await form.getByTestId('poll-per-entry').fill('2');
    await form.getByTestId('poll-per-entry').press('Tab');
    await form.getByText('不能多于每人每日票数').waitFor({ state: 'detached' });
    await form.getByTestId('save-poll').click();
    await consolePage.getByTestId('poll-heading').getByText(title).waitFor();
    const pollId = new URL(consolePage.url()).pathname.split('/').pop()!;

    // One entry with a photo through the console; two more through the API.
    await consolePage.getByTestId('add-entry').click();
    const entryForm = consolePage.locator('.ant-modal-wrap:visible');
    await entryForm.getByTestId('entry-title').fill('王建国');
    await entryForm.getByTestId('entry-description').fill('驾龄二十年，安全行驶二百万公里，雪夜救助被困司机。');
    await entryForm
      .locator('input[type=file]')
      .setInputFiles({ name: 'wang.png', mimeType: 'image/png', buffer: photo() });
    await entryForm.getByText('wang.png').waitFor();
    await entryForm.getByTestId('save-entry').click();
    await consolePage.getByTestId('entries-table').getByText('王建国').waitFor();
    const officerApi = await staffApiLogin(officer.username, officer.password);
    for (const [name, description] of [
      ['李红梅', '冷链运输十五年，疫情期间坚持保供。'],
      ['赵志强', '带出三十名徒弟，车队零事故。'],
    ])
      await call(officerApi.token, 'POST', `/api/v1/polls/${pollId}/entries`, { title: name, description }, 201);
    await screenshot(consolePage, 'poll-console-entries');

    // The member finds the poll under 活动 and votes: twice for 王建国, once for 李红梅.
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, voterPhone);
    await app.goto('/activities');
    await app.getByTestId('activity-polls').click();
    await app.getByTestId('poll-item').filter({ hasText: title }).click();
    await app.getByTestId('poll-title').getByText(title).waitFor();
    await app.getByTestId('ballots-left').getByText('今日还可投 3 票').waitFor();
    await screenshot(app, 'poll-member');
    const entry = (name: string) => app.getByTestId('poll-entry').filter({ hasText: name });
    // The first tap's answer is lost on the way back (a weak signal): the app sends it again with the tap's
    // Idempotency-Key, and the ballot the server already counted counts once.
    let sent = 0;
    await app.route('**/api/v1/polls/*/ballots', async (route) => {
      sent += 1;
      if (sent > 1) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await entry('王建国').getByTestId('vote').click();
    await app.getByTestId('ballots-left').getByText('今日还可投 2 票').waitFor();
    await entry('王建国').getByTestId('entry-votes').getByText('1 票').waitFor();
    expect(sent).toBe(2);
    await app.unroute('**/api/v1/polls/*/ballots');
    await entry('王建国').getByTestId('vote').click();
    await app.getByTestId('ballots-left').getByText('今日还可投 1 票').waitFor();
    // Two for one entry is its daily most: its button rests until tomorrow.
    await expect.poll(() => entry('王建国').getByTestId('vote').isDisabled()).toBe(true);
    await entry('李红梅').getByTestId('vote').click();
    // Today's ballots are used up: the page says so and when they come back (midnight, Beijing time).
    const limit = app.getByTestId('daily-limit');
    await limit.getByText('今天的票已经投完了').waitFor();
    expect(await limit.textContent()).toContain('次日零点');
    expect(await entry('李红梅').getByTestId('vote').isDisabled()).toBe(true);
    await screenshot(app, 'poll-daily-limit');

    // The server holds the limit too: a fourth ballot is refused.
    const res = await fetch(`${baseUrl()}/api/v1/polls/${pollId}/ballots`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await app.evaluate(() => localStorage.getItem('su.member.token'))}`,
      },
      body: JSON.stringify({
        entryId: (await pollEntries(officerApi.token, pollId)).find((e) => e.title === '赵志强')!.id,
      }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('DAILY_LIMIT_REACHED');

    // The live ranking in the app, then the public page without sign-in.
    await app.getByRole('tab', { name: '实时排名' }).click();
    await app.getByTestId('total-votes').getByText('总票数 3').waitFor();
    const visitor = await phoneContext(browser);
    const open = await visitor.newPage();
    await open.goto(`/p/polls/${pollId}/results`);
    await open.getByTestId('total-votes').getByText('总票数 3').waitFor();
    const first = open.getByTestId('ranking-item').first();
    expect(await first.getByTestId('ranking-title').textContent()).toBe('王建国');
    expect(await first.getByTestId('ranking-votes').textContent()).toBe('2 票');
    await screenshot(open, 'poll-public-results');
    await visitor.close();

    // Another member nominates two colleagues; the nominations wait for the union.
    const phone2 = await phoneContext(browser);
    const nominatorApp = await phone2.newPage();
    await memberSignIn(nominatorApp, nominatorPhone);
    await nominatorApp.goto(`/polls/${pollId}`);
    await nominatorApp.getByTestId('nominate').click();
    const nominate = async (name: string, description: string) => {
      await nominatorApp.getByTestId('nomination-title').locator('input').fill(name);
      await nominatorApp.getByTestId('nomination-description').locator('textarea').fill(description);
      await nominatorApp.getByTestId('nomination-submit').click();
      await nominatorApp.getByTestId('my-nomination').filter({ hasText: name }).getByText('待审核').waitFor();
    };
    const nominee = `孙师傅 ${suffix}`;
    const unfit = `周某 ${suffix}`;
    await nominate(nominee, '山区线路跑了十年，主动帮沿途村民捎带农产品。');
    await nominate(unfit, '人很好。');
    const mine = nominatorApp.getByTestId('my-nomination').filter({ hasText: nominee });
    await screenshot(nominatorApp, 'poll-nomination');

    // The officer approves one in the console (it goes live on the poll) and rejects the other with the reason.
    await consolePage.reload();
    await consolePage.getByTestId('entry-status-filter').getByText('待审核').click();
    const pending = (name: string) => consolePage.getByTestId('entries-table').locator('tr', { hasText: name });
    await pending(nominee).getByTestId('approve-entry').click();
    await consolePage.getByText('已通过，参评对象已上线').waitFor();
    await pending(unfit).getByTestId('reject-entry').click();
    const reason = '事迹材料不足，请补充具体事例后重新推荐。';
    const decision = consolePage.locator('.ant-modal-wrap:visible');
    await decision.getByTestId('save-decision').click();
    await decision.getByText('请写明驳回理由，推荐人会看到').waitFor();
    await decision.getByTestId('decision-reason').fill(reason);
    await screenshot(consolePage, 'poll-reject-nomination');
    await decision.getByTestId('save-decision').click();
    await decision.waitFor({ state: 'hidden' });
    await pending(unfit).waitFor({ state: 'detached' });
    await consolePage.getByTestId('entry-status-filter').getByText('全部').click();
    await consolePage
      .getByTestId('entries-table')
      .locator('tr', { hasText: nominee })
      .getByTestId('entry-status')
      .getByText('已上线')
      .waitFor();
    await nominatorApp.reload();
    await mine.getByTestId('nomination-status').getByText('已通过').waitFor();
    const rejected = nominatorApp.getByTestId('my-nomination').filter({ hasText: unfit });
    await rejected.getByTestId('nomination-status').getByText('未通过').waitFor();
    await rejected.getByTestId('reject-reason').waitFor();
    expect(await rejected.getByTestId('reject-reason').textContent()).toContain(reason);
    await screenshot(nominatorApp, 'poll-nomination-decided');
    await phone2.close();

    // The live results in the console, and the final round from the top two.
    await consolePage.getByRole('tab', { name: '实时结果' }).click();
    await consolePage.getByTestId('results-total').getByText('3').waitFor();
    await screenshot(consolePage, 'poll-console-results');
    const [download] = await Promise.all([
      consolePage.waitForEvent('download'),
      consolePage.getByTestId('export-results').click(),
    ]);
    const rows = await sheetRows(download);
    expect(rows.slice(0, 2)).toMatchObject([
      { 名次: 1, 候选: '王建国', 票数: 2 },
      { 名次: 2, 候选: '李红梅', 票数: 1 },
    ]);
    // No burst of ballots from one address or from new accounts: nothing for the officer to void.
    await consolePage.getByRole('tab', { name: '异常投票' }).click();
    await consolePage.getByTestId('flags-table').getByText('没有发现异常投票').waitFor();
    await screenshot(consolePage, 'poll-console-flags');

    // The first round ends (early, by the officer); its top two go on to the final, counted from zero.
    await consolePage.getByTestId('end-poll').click();
    await consolePage.getByTestId('confirm-end').click();
    await consolePage.getByTestId('poll-status').getByText('已结束').waitFor();
    await consolePage.getByRole('tab', { name: '决赛' }).click();
    await consolePage.getByTestId('finalists-top-n').fill('2');
    await consolePage.getByTestId('start-finalists').click();
    await consolePage.getByTestId('poll-heading').waitFor();
    await expect.poll(() => consolePage.url()).not.toContain(pollId);
    const finalTable = consolePage.getByTestId('entries-table');
    await finalTable.getByText('王建国').waitFor();
    await finalTable.getByText('李红梅').waitFor();
    expect(await finalTable.getByText('赵志强').count()).toBe(0);
    await screenshot(consolePage, 'poll-final-round');
    await phone.close();
    await desk.close();
  });
});

async function pollEntries(token: string, pollId: string) {
  const page = await call<{ items: { id: string; title: string }[] }>(
    token,
    'GET',
    `/api/v1/polls/${pollId}/entries?limit=100`,
    undefined,
    200,
  );
  return page.items;
}
