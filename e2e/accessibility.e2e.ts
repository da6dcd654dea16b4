import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockingViolations } from './axe.js';
import {
  baseUrl,
  browserAvailable,
  desktopContext,
  launch,
  memberApiToken,
  phoneContext,
  staffSignIn,
} from './browser.js';
import { e2eAdminPassword } from './global-setup.js';

/**
 * Every page of both apps, as the people who use them reach it, checked with axe-core: no critical or
 * serious violation (landmarks, one h1, labelled controls, named icon buttons, reachable scroll areas,
 * contrast). The journeys check the pages they pass through as well; this one makes sure none is missed.
 */

async function get<T>(path: string, token?: string): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** Opens each path, lets it settle and gathers what axe finds, so one run reports every page at once. */
async function sweep(page: Page, paths: string[], found: string[]): Promise<void> {
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    for (const v of await blockingViolations(page)) found.push(`${path}: ${v}`);
  }
}

describe.runIf(browserAvailable)('accessibility of every page (axe-core: 0 critical, 0 serious)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the member app, signed out, as a member and in large-text mode', async () => {
    const station = (
      await get<{ items: { code: string }[] }>('/api/v1/stations/nearby?lat=34.2611&lng=108.9423&limit=1')
    ).items[0]!;
    const found: string[] = [];
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await sweep(page, ['/login', '/map', `/s/${station.code}`], found);

    const token = await memberApiToken('13900000045');
    const cases = await get<{ items: { id: string }[] }>('/api/v1/legal/cases?mine=true', token);
    await page.evaluate((t) => localStorage.setItem('su.member.token', t), token);
    const signedIn = [
      '/',
      '/card',
      '/legal',
      '/legal/new',
      '/messages',
      '/perks',
      '/vouchers',
      '/breakfast',
      '/programmes',
      '/applications',
      '/proposals',
    ];
    if (cases.items[0]) signedIn.push(`/legal/cases/${cases.items[0].id}`);
    await sweep(page, signedIn, found);

    await page.goto('/');
    await page.getByTestId('elder-toggle').click();
    await sweep(page, ['/', '/map', '/legal/new'], found);
    await context.close();

    // A worker who is not yet a member is sent to join.
    const outsider = await signedInPhone(browser, await memberApiToken(`137${String(Date.now()).slice(-8)}`));
    await sweep(outsider, ['/join', '/'], found);
    await outsider.context().close();
    expect(found).toEqual([]);
  });

  it('the console, for the administrator and each kind of staff', async () => {
    const found: string[] = [];
    const context = await desktopContext(browser);
    const page = await context.newPage();
    await sweep(page, ['/console/login'], found);
    await staffSignIn(page, 'admin', e2eAdminPassword);
    await sweep(
      page,
      [
        '/console/orgs',
        '/console/staff',
        '/console/members',
        '/console/applications',
        '/console/stations',
        '/console/stations/qr-sheet',
      ],
      found,
    );
    await sweep(
      page,
      [
        '/console/perks',
        '/console/breakfast',
        '/console/calendar',
        '/console/legal',
        '/console/programmes',
        '/console/model-workers',
        '/console/congresses',
        '/console/proposals',
        '/console/proposals?tab=overdue',
        '/console/hardship/leads',
        '/console/hardship/archives',
        '/console/hardship/standards',
      ],
      found,
    );

    for (const username of ['d04_legal', 'd04_shop']) {
      await page.evaluate(() => localStorage.clear());
      await staffSignIn(page, username, 'demo12345');
      await sweep(page, [new URL(page.url()).pathname], found);
    }
    // The forms staff fill in, open.
    await staffSignIn(page, 'admin', e2eAdminPassword);
    await page.goto('/console/stations');
    await page.getByTestId('add-station').click();
    await page.getByRole('dialog').waitFor();
    for (const v of await blockingViolations(page)) found.push(`new station form: ${v}`);
    await page.goto('/console/orgs');
    await page.getByTestId('add-child-org').click();
    await page.getByRole('dialog').waitFor();
    for (const v of await blockingViolations(page)) found.push(`new org form: ${v}`);
    await page.goto('/console/programmes');
    await page.getByTestId('new-programme').click();
    await page.getByRole('dialog').waitFor();
    for (const v of await blockingViolations(page)) found.push(`new programme form: ${v}`);

    // A mediator's case page.
    await page.evaluate(() => localStorage.clear());
    await staffSignIn(page, 'd04_legal', 'demo12345');
    const token = await page.evaluate(() => localStorage.getItem('su.console.token'));
    expect(token).toBeTruthy();
    const filed = await fetch(`${baseUrl()}/api/v1/legal/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await memberApiToken('13900000046')}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'mediation',
        category: 'overtime_pay',
        description: '连续三个月加班没有加班费，要求补发',
        employer: { name: '莲湖区某物流公司', regionCode: '610104' },
      }),
    });
    expect(filed.status).toBe(201);
    await sweep(page, [`/console/legal/${((await filed.json()) as { id: string }).id}`], found);
    await context.close();
    expect(found).toEqual([]);
  });
});

async function signedInPhone(browser: Browser, token: string): Promise<Page> {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.goto('/login');
  await page.evaluate((t) => localStorage.setItem('su.member.token', t), token);
  return page;
}
