import { PNG } from 'pngjs';
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
  staffSignIn,
} from './browser.js';
import { call, cityWithStaff, sheetRows } from './programmes.js';

const day = 86_400_000;
const date = (ms: number) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);

describe.runIf(browserAvailable)('代表履职评价: duty records and the leaderboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a representative records a duty in the app; the officer confirms it, sees the leaderboard, edits the model and exports', async () => {
    const { admin, suffix, union } = await cityWithStaff((suffix, _union, cityOrgId) => [
      {
        username: `duty_city_${suffix}`,
        orgId: cityOrgId,
        displayName: '市总民主管理专干',
        roles: ['participation_officer'],
      },
    ]);
    const officer = `duty_city_${suffix}`;
    const congress = await call<{ id: string }>(
      admin.token,
      'POST',
      '/api/v1/congresses',
      {
        orgId: admin.orgId,
        name: `第八届会员代表大会${suffix}`,
        termStartsOn: date(Date.now() - 300 * day),
        termEndsOn: date(Date.now() + 1000 * day),
      },
      201,
    );
    const names = [`陈建国${suffix.slice(-2)}`, `周丽${suffix.slice(-2)}`] as const;
    const phones = names.map((_, i) => `136${suffix}${i}${suffix.slice(0, 1)}`);
    const reps: string[] = [];
    for (const [i, name] of names.entries()) {
      const member = await call<{ id: string }>(
        admin.token,
        'POST',
        '/api/v1/members',
        { name, phone: phones[i], orgId: union.id },
        201,
      );
      const rep = await call<{ id: string }>(
        admin.token,
        'POST',
        `/api/v1/congresses/${congress.id}/representatives`,
        { memberId: member.id, delegation: i === 0 ? '一车间' : '二车间' },
        201,
      );
      reps.push(rep.id);
    }

    // The representative records a research visit (调研视察) in the member app.
    const phone = await phoneContext(browser);
    const app = await phone.newPage();
    await memberSignIn(app, phones[0]!);
    await app.goto('/duties');
    await app.getByTestId('duty-score').waitFor();
    await expect.poll(() => app.getByTestId('duty-score-total').textContent()).toBe('0 分');
    await screenshot(app, 'member-duties-empty');
    await app.getByTestId('duty-record').click();
    await app.getByTestId('duty-group-between_congresses').waitFor();
    // The automatically counted indicators (proposals, votes) are not offered.
    expect(await app.getByTestId('duty-indicator-proposals').count()).toBe(0);
    await app.getByTestId('duty-indicator-research').click();
    await app.getByTestId('duty-note').locator('textarea').fill('走访金利精密电子，收集职工子女暑期托管诉求');
    // A photo of the visit, uploaded as it is picked.
    const photo = new PNG({ width: 40, height: 30 });
    photo.data.fill(200);
    await app
      .getByTestId('duty-photos')
      .locator('input[type=file]')
      .setInputFiles({ name: '走访.png', mimeType: 'image/png', buffer: PNG.sync.write(photo) });
    await app.getByTestId('duty-photos').locator('img[alt="走访.png"]').waitFor();
    await screenshot(app, 'member-duty-record');
    await app.getByTestId('duty-submit').click();
    await app.getByTestId('duty-item').first().waitFor();
    expect(await app.getByTestId('duty-item-status').first().textContent()).toBe('待确认');

    // The other representative's record, submitted through the API as the app would.
    const otherToken = await memberApiToken(phones[1]!);
    await call(
      otherToken,
      'POST',
      `/api/v1/congresses/${congress.id}/duties`,
      { representativeId: reps[1], indicatorCode: 'feedback', occurredOn: date(Date.now()), note: '反馈' },
      201,
    );

    // The officer confirms the first from the queue and rejects the other with a reason.
    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, officer, 'officer-pass-1');
    await page.goto(`/console/congresses/${congress.id}/scores?tab=duties`);
    const row = (name: string) => page.getByTestId('duty-table').locator('tr', { hasText: name });
    await row(names[0]).getByTestId('duty-confirm').waitFor();
    await row(names[0]).getByTestId('duty-photos').locator('img[alt="走访.png"]').waitFor();
    await screenshot(page, 'console-duties-queue');
    await row(names[0]).getByTestId('duty-confirm').click();
    await expect.poll(() => row(names[0]).count()).toBe(0);
    await row(names[1]).getByTestId('duty-reject').click();
    const dialog = page.locator('.ant-modal-confirm:visible');
    await dialog.getByTestId('duty-reject-reason').fill('请写明向哪些职工反馈了什么');
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('duty-confirm').count()).toBe(0);

    // Staff record a bonus (先进代表) for the other representative: confirmed at once.
    await page.getByTestId('duty-staff-entry').click();
    const entry = page.locator('.ant-modal-wrap:visible');
    await entry.getByTestId('duty-representative').click();
    await page.keyboard.type(names[1]);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: names[1] });
    await option.first().click();
    await entry.getByTestId('duty-indicator').click();
    await page.keyboard.type('先进');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '先进代表' }).click();
    await entry.getByTestId('duty-date').click();
    await page.keyboard.type(date(Date.now()));
    await page.keyboard.press('Enter');
    await entry.getByTestId('duty-note').fill('获评年度先进代表');
    await screenshot(page, 'console-duty-staff-entry');
    await entry.getByRole('button', { name: /保\s*存/ }).click();
    await entry.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: '积分排行' }).click();
    await page.getByTestId('score-table').waitFor();
    await expect.poll(() => page.getByTestId('score-name').allTextContents()).toEqual([names[1], names[0]]);
    expect(await page.getByTestId('score-total').allTextContents()).toEqual(['10', '3']);
    await screenshot(page, 'console-scores');

    // The model: research is worth 4 from now on; the board follows.
    await page.getByRole('tab', { name: '评价体系' }).click();
    await page.getByTestId('indicators').waitFor();
    const research = page.getByTestId('indicator-row').filter({ has: page.locator('input[value="research"]') });
    await research.getByLabel('每次分值').fill('4');
    await screenshot(page, 'console-indicators');
    await page.getByTestId('indicators-save').click();
    await page.getByText('已保存').waitFor();
    await page.getByRole('tab', { name: '积分排行' }).click();
    await expect.poll(() => page.getByTestId('score-total').allTextContents()).toEqual(['10', '4']);

    // The export, filtered to one delegation.
    await page.getByTestId('score-delegation').click();
    await page.locator('.ant-select-item-option', { hasText: '一车间' }).click();
    await expect.poll(() => page.getByTestId('score-name').allTextContents()).toEqual([names[0]]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('score-export').click()]);
    const rows = await sheetRows(download);
    expect(rows.map((r) => [r['排名'], r['姓名'], r['调研视察'], r['总分']])).toEqual([[2, names[0], 4, 4]]);

    // Back in the app: confirmed, with its points and rank.
    await app.goto('/duties');
    await expect.poll(() => app.getByTestId('duty-item-status').first().textContent()).toBe('已确认');
    expect(await app.getByTestId('duty-score-total').textContent()).toBe('4 分');
    expect(await app.getByTestId('duty-score-rank').textContent()).toBe('第 2 名 · 共 2 名代表');
    await app.getByTestId('duty-item-photos').locator('img').first().waitFor();
    await screenshot(app, 'member-duties-confirmed');
  });
});
