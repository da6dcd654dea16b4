import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  browserAvailable,
  desktopContext,
  launch,
  memberApiToken,
  phoneContext,
  screenshot,
  staffSignIn,
} from './browser.js';
import { cityActivityOfficer } from './activities.js';
import { call } from './programmes.js';

/** Demo member 261 (union 261 mod 13); no other journey uses them. */
const nomineePhone = '13900000261';

describe.runIf(browserAvailable)('先进评选', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an officer reviews a member’s nomination with a photo, puts it to the vote (the photo on the poll) and opens the publicity; the public list shows it, the name masked', async () => {
    const { suffix, admin, officer, officerApi } = await cityActivityOfficer('ao');
    const title = `最美劳动者评选 ${suffix}`;
    const selection = await call<{ id: string }>(
      officerApi.token,
      'POST',
      '/api/v1/award-selections',
      {
        orgId: admin.orgId,
        title,
        year: 2026,
        quota: 5,
        nominationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
      201,
    );
    // The member nominates themself with a photo (through the API, as the app does).
    const member = await memberApiToken(nomineePhone);
    const picture = new PNG({ width: 40, height: 30 });
    picture.data.fill(180);
    const form = new FormData();
    form.append('file', new Blob([PNG.sync.write(picture)], { type: 'image/png' }), '工作照.png');
    const uploaded = await fetch(`${baseUrl()}/api/v1/awards/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const photo = (await uploaded.json()) as { id: string };
    const nomination = await call<{ id: string; nomineeName: string }>(
      member,
      'POST',
      `/api/v1/award-selections/${selection.id}/nominations`,
      {
        source: 'self',
        position: '公交车队 驾驶员',
        deeds: '安全行车三十万公里无事故，多次见义勇为。',
        photoIds: [photo.id],
      },
      201,
    );

    // The officer reviews it in the console and opens the publicity.
    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, officer.username, officer.password);
    await page.goto(`/console/activities/awards/${selection.id}`);
    await page.getByTestId('nominations-table').getByText(nomination.nomineeName).click();
    await page.getByTestId('approve-nomination').click();
    await page.getByText('审核通过', { exact: true }).first().waitFor();
    await screenshot(page, 'award-nomination-approved');
    await page.locator('.ant-drawer-close').click();
    await page.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
    // The public vote: the nomination is the poll's entry, its photo shown on the poll's page and public.
    await page.getByTestId('start-vote').click();
    await page.getByTestId('confirm-vote').click();
    await page.getByTestId('award-poll').click();
    await page.getByTestId('entries-table').getByText('公交车队 驾驶员').first().waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('[data-testid=entries-table] img')].some(
        (img) => img.complete && img.naturalWidth === 40,
      ),
    );
    await screenshot(page, 'award-vote-poll');
    const { pollId } = await call<{ pollId: string }>(
      officerApi.token,
      'GET',
      `/api/v1/award-selections/${selection.id}`,
      undefined,
      200,
    );
    const entries = await call<{ items: { photos: { url: string }[] }[] }>(
      null,
      'GET',
      `/api/v1/public/polls/${pollId}/entries`,
      undefined,
      200,
    );
    const shown = await fetch(`${baseUrl()}${entries.items[0]!.photos[0]!.url}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    await page.goBack();
    await page.getByTestId('open-publicity').click();
    await page.getByTestId('confirm-publicity').click();
    await page.getByText('公示中', { exact: true }).first().waitFor();
    await screenshot(page, 'award-publicity-opened');

    // Anyone opens the public list: the nominee's name masked, their union named.
    const phone = await phoneContext(browser);
    const board = await phone.newPage();
    await board.goto(`/awards/${selection.id}/publicity`);
    const item = board.getByTestId('publicity-item');
    await item.first().waitFor();
    const text = (await item.first().textContent()) ?? '';
    const name = [...nomination.nomineeName];
    expect(text).toContain(name.length <= 2 ? `${name[0]}*` : `${name[0]}${'*'.repeat(name.length - 2)}${name.at(-1)}`);
    expect(text).not.toContain(nomination.nomineeName);
    expect(text).toContain('公交车队 驾驶员');
    await screenshot(board, 'award-publicity-public');
    await desk.close();
    await phone.close();
  });
});
