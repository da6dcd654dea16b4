import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  browserAvailable,
  desktopContext,
  launch,
  memberApiToken,
  phoneContext,
  staffApiLogin,
  staffSignIn,
} from './browser.js';

/**
 * Names that staff and members type reach other people's screens: a station name on the public map, an
 * employer's name on a mediator's queue, a campaign or merchant name on every member's perks page. Each is
 * given markup here; every page that shows it must show the text, never run it or turn it into elements.
 */
const mark = `${Date.now() % 100000}`;
const payload = (what: string) => `${what}${mark}<img src=x onerror="window.__xss=1"><b data-xss>粗</b>`;

/** The Bell Tower, where the map starts before the member asks for their location. */
const bellTower = { lat: 34.2611, lng: 108.9423 };

async function post<T>(path: string, token: string, body: unknown): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The page shows `text` literally and nothing it carried ran or became an element. */
async function expectInert(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor();
  const state = await page.evaluate(() => ({
    ran: (window as unknown as { __xss?: unknown }).__xss !== undefined,
    elements: document.querySelectorAll('[data-xss], img[src="x"]').length,
  }));
  expect(state, page.url()).toEqual({ ran: false, elements: 0 });
}

describe.runIf(browserAvailable)('names with markup stay text on every page that shows them', () => {
  let browser: Browser;
  const station = payload('驿站');
  const merchant = payload('商户');
  const campaign = payload('券');
  const employer = payload('公司');
  let stationCode = '';
  let caseId = '';
  let memberSession = '';

  beforeAll(async () => {
    browser = await launch();
    const stations = await staffApiLogin('d04_stations');
    const created = await post<{ code: string }>('/api/v1/stations', stations.token, {
      orgId: stations.orgId,
      type: 'rest_station',
      name: station,
      address: payload('地址'),
      lat: bellTower.lat,
      lng: bellTower.lng,
      alwaysOpen: true,
      services: ['饮水'],
    });
    stationCode = created.code;

    const perks = await staffApiLogin('d04_perks');
    const shop = await post<{ id: string }>('/api/v1/merchants', perks.token, { orgId: perks.orgId, name: merchant });
    await post('/api/v1/voucher-campaigns', perks.token, {
      title: campaign,
      quantity: 10,
      perMemberLimit: 1,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      merchantId: shop.id,
    });

    memberSession = await memberApiToken('13900000044');
    const filed = await post<{ id: string }>('/api/v1/legal/cases', memberSession, {
      kind: 'mediation',
      category: 'unpaid_wages',
      description: `${payload('工资')} 三个月工资未发放`,
      employer: { name: employer, regionCode: '610104', address: payload('厂址') },
    });
    caseId = filed.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("in the member app: the map's markers and list, the station page, perks, the member's cases", async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto('/map');
    await expectInert(page, `驿站${mark}`);
    // A marker's tooltip is built when the pointer comes over it: bring it over every marker, in view or not.
    // Leaflet arrives in a chunk of its own after the list: wait for the stations' markers (and the member's own).
    const markers = page.locator('path.leaflet-interactive');
    await expect.poll(() => markers.count()).toBeGreaterThan(1);
    const tooltips: string[] = [];
    for (let i = 0; i < (await markers.count()); i++) {
      await markers.nth(i).dispatchEvent('mouseover');
      tooltips.push(...(await page.locator('.leaflet-tooltip').allInnerTexts()));
    }
    await expectInert(page, `驿站${mark}`);
    expect(tooltips).toContainEqual(expect.stringContaining(`驿站${mark}<img`));

    await page.goto(`/s/${stationCode}`);
    await expectInert(page, `驿站${mark}`);
    await expectInert(page, `地址${mark}`);

    // Signed in as the applicant with the token the API gave (a second SMS code would wait a minute);
    // 13900000044 is a member in 莲湖区 whom no other journey signs in as.
    await page.evaluate((token) => localStorage.setItem('su.member.token', token), memberSession);
    await page.goto('/perks');
    await expectInert(page, `券${mark}`);
    await expectInert(page, `商户${mark}`);
    await page.goto('/legal');
    await expectInert(page, `公司${mark}`);
    await page.goto(`/legal/cases/${caseId}`);
    await expectInert(page, `公司${mark}`);
    await context.close();
  });

  it('in the console: stations, the printable QR sheet, campaigns, the case queue and the case', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    await staffSignIn(page, 'd04_stations', 'demo12345');
    await page.goto('/console/stations');
    await expectInert(page, `驿站${mark}`);
    await page.goto('/console/stations/qr-sheet');
    await expectInert(page, `驿站${mark}`);

    await page.context().clearCookies();
    await page.evaluate(() => localStorage.clear());
    await staffSignIn(page, 'd04_perks', 'demo12345');
    await page.goto('/console/perks');
    await expectInert(page, `券${mark}`);

    await page.evaluate(() => localStorage.clear());
    await staffSignIn(page, 'd04_legal', 'demo12345');
    await page.goto('/console/legal');
    await expectInert(page, `公司${mark}`);
    await page.goto(`/console/legal/${caseId}`);
    await expectInert(page, `公司${mark}`);
    await expectInert(page, `厂址${mark}`);
    await expectInert(page, `工资${mark}`);
    await context.close();
  });
});
