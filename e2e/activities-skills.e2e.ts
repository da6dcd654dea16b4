import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  desktopContext,
  launch,
  memberSignIn,
  phoneContext,
  screenshot,
  staffSignIn,
} from './browser.js';
import { cityActivityOfficer } from './activities.js';
import { call } from './programmes.js';

/** Demo member 265 (union 265 mod 13); no other journey uses them. */
const contestantPhone = '13900000265';

describe.runIf(browserAvailable)('技能大赛', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a member registers for an event in the app; the officer enters the scores and publishes; the public results show the member masked', async () => {
    const { suffix, admin, officer, officerApi } = await cityActivityOfficer('so');
    const title = `职工职业技能大赛 ${suffix}`;
    const competition = await call<{ id: string; events: { id: string; name: string }[] }>(
      officerApi.token,
      'POST',
      '/api/v1/skills-competitions',
      { orgId: admin.orgId, title, startsOn: '2099-06-01', endsOn: '2099-06-02' },
      201,
    );
    const withEvent = await call<{ events: { id: string }[] }>(
      officerApi.token,
      'POST',
      `/api/v1/skills-competitions/${competition.id}/events`,
      { name: '维修电工', kind: 'individual', theoryWeight: 30 },
      201,
    );
    const eventId = withEvent.events[0]!.id;

    // The member registers in the app.
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, contestantPhone);
    await app.goto('/skills');
    await app.getByTestId('skills-competition').filter({ hasText: title }).getByTestId(`register-${eventId}`).click();
    await app.locator('.adm-dialog').getByText('确定').click();
    await app.getByTestId(`withdraw-${eventId}`).waitFor();
    await screenshot(app, 'skills-registered');

    // The officer enters the scores in the console and publishes the results.
    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, officer.username, officer.password);
    await page.goto(`/console/activities/skills/${competition.id}`);
    await page.getByRole('tab', { name: '报名与成绩' }).click();
    const row = page.getByTestId('entries-table').locator('tbody tr').first();
    await row.locator('input[data-testid^="score-theory-"], [data-testid^="score-theory-"] input').fill('80');
    await row.locator('input[data-testid^="score-practical-"], [data-testid^="score-practical-"] input').fill('90');
    await page.getByTestId('save-scores').click();
    await page.getByTestId('entries-table').getByText('87').waitFor();
    await screenshot(page, 'skills-scored');
    await page.getByTestId('publish-results').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText('成绩已公布', { exact: true }).first().waitFor();

    // Anyone reads the results: first place, the name masked.
    const board = await (await phoneContext(browser)).newPage();
    await board.goto(`/skills-results/${competition.id}`);
    const item = board.getByTestId('results-item').first();
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('第 1 名');
    expect(text).toContain('*');
    expect(text).toContain('87');
    await screenshot(board, 'skills-results-public');
    await phone.close();
    await desk.close();
  });
});
