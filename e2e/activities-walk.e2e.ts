import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  desktopContext,
  launch,
  memberApiToken,
  memberSignIn,
  phoneContext,
  screenshot,
  staffApiLogin,
  staffSignIn,
} from './browser.js';
import { call } from './programmes.js';

/** Demo members 274 and 300 share a grassroots union (member i belongs to union i mod 13); no other journey uses them. */
const walkerPhone = '13900000274';
const colleaguePhone = '13900000300';

/** Today in Asia/Shanghai, and `days` from it. */
function shanghaiDay(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe.runIf(browserAvailable)('健步走', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a member records steps, is refused an implausible count with a clear message, and sees the leaderboards', async () => {
    const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
    const title = `万步有约健步走 ${suffix}`;

    // The city's administrator (org_admin holds activity_officer) opens a challenge for the whole city.
    const admin = await staffApiLogin('xian_admin');
    const challenge = await call<{ id: string }>(
      admin.token,
      'POST',
      '/api/v1/walk-challenges',
      { orgId: admin.orgId, title, startsOn: shanghaiDay(-3), endsOn: shanghaiDay(10), dailyGoalSteps: 6000 },
      201,
    );

    // A colleague of the same union has walked 8,000 steps today.
    const colleague = await memberApiToken(colleaguePhone);
    await call(
      colleague,
      'PUT',
      `/api/v1/walk-challenges/${challenge.id}/steps/${shanghaiDay()}`,
      { steps: 8000 },
      200,
    );

    // The member opens it from the activities page.
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, walkerPhone);
    await app.getByTestId('svc-activities').click();
    await app.getByTestId('activity-walks').click();
    await app.getByTestId('walk-item').filter({ hasText: title }).click();
    await app.getByTestId('walk-recorded').getByText('还没有记录').waitFor();

    // 100,001 steps is not believed: refused, and the field says why.
    await app.getByTestId('walk-steps').locator('input').fill('100001');
    await app.getByTestId('save-steps').click();
    await app.getByTestId('walk-steps-error').waitFor();
    expect(await app.getByTestId('walk-steps-error').textContent()).toBe(
      '一天的步数不能超过 100000 步，请核对后重新填写',
    );
    await screenshot(app, 'walk-implausible-refused');

    // A real day's count is taken; the member is first, ahead of the colleague.
    await app.getByTestId('walk-steps').locator('input').fill('12000');
    await app.getByTestId('save-steps').click();
    await app.getByTestId('walk-recorded').getByText('已记录 12,000 步，再次提交将覆盖').waitFor();
    expect(await app.getByTestId('walk-total').textContent()).toBe('累计 12,000 步');
    expect(await app.getByTestId('walk-mine').textContent()).toContain('第 1 名（共 2 人参与）');
    await app.getByTestId('walk-board-me').getByText('我排第 1 名，12,000 步').waitFor();
    const rows = app.getByTestId('walk-board').locator('.adm-list-item');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('12,000');
    expect(await rows.nth(1).textContent()).toContain('8,000');
    await screenshot(app, 'walk-member-leaderboard');

    // By union: the two are their union's participants, 10,000 steps a member.
    await app.locator('.adm-tabs-tab', { hasText: /^工会$/ }).click();
    await app.getByTestId('walk-board-me').getByText('我所在工会排第 1 名，人均 10,000 步').waitFor();
    await screenshot(app, 'walk-union-leaderboard');

    // The console shows the same leaderboards, names in full, by union on the day.
    const desk = await desktopContext(browser);
    const consolePage = await desk.newPage();
    await staffSignIn(consolePage, 'xian_admin', 'demo12345');
    await consolePage.goto('/console/activities/walks');
    await consolePage.getByTestId('walks-table').getByText(title).click();
    const board = consolePage.getByTestId('walk-board');
    await board.getByText('12,000').first().waitFor();
    await board.getByText('8,000').first().waitFor();
    await consolePage.getByTestId('walk-board-by').getByText('工会排行').click();
    await consolePage.getByTestId('walk-board-period').getByText('单日').click();
    await board.getByText('10,000').first().waitFor();
    await screenshot(consolePage, 'walk-console-leaderboard');

    // The officer renames it, then ends it now (after a confirm): today becomes its last day.
    await consolePage.getByTestId('edit-walk').click();
    await consolePage.getByTestId('walk-edit-title').fill(`${title}（改）`);
    await consolePage.getByTestId('save-walk-edit').click();
    await consolePage.getByText(`${title}（改）`).first().waitFor();
    await consolePage.getByTestId('close-walk').click();
    await consolePage.locator('.ant-popconfirm .ant-btn-primary').click();
    await consolePage.getByTestId('close-walk').waitFor({ state: 'detached' });
    await consolePage.getByText(`${shanghaiDay(-3)} ~ ${shanghaiDay()}`).waitFor();
  });
});
