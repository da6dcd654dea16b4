import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
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

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/**
 * Every Content-Security-Policy violation a context's pages meet: the `securitypolicyviolation` events the
 * pages see, and the "Refused to …" lines Chromium writes to the console (those survive navigations).
 */
async function watchCsp(context: BrowserContext): Promise<{ seen: string[]; check(page: Page): Promise<void> }> {
  const seen: string[] = [];
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations!.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return {
    seen,
    async check(page: Page) {
      seen.push(...(await page.evaluate(() => window.cspViolations ?? [])));
    },
  };
}

/** Opens `path`, checks the document came with the policy, lets the page settle and collects its violations. */
async function visit(
  page: Page,
  csp: { check(page: Page): Promise<void> },
  path: string,
  ready: (page: Page) => Promise<unknown>,
): Promise<void> {
  const response = (await page.goto(path)) as Response;
  const policy = (await response.allHeaders())['content-security-policy'] ?? '';
  expect({ path, policy }).toEqual({ path, policy: expect.stringContaining("script-src 'self';") });
  await ready(page);
  await page.waitForLoadState('networkidle');
  await csp.check(page);
}

describe.runIf(browserAvailable)('Content-Security-Policy in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the member app renders its pages with no violation', async () => {
    const context = await phoneContext(browser);
    const csp = await watchCsp(context);
    const page = await context.newPage();
    // A demo member no other journey signs in as (one SMS code a minute per phone).
    await memberSignIn(page, '13900000137');
    await csp.check(page);
    await visit(page, csp, '/', (p) => p.getByTestId('greeting').waitFor());
    await visit(page, csp, '/map', (p) => p.getByTestId('station-list').waitFor());
    expect(await page.locator('.leaflet-container').count()).toBe(1);
    const code = await page.evaluate(async () => {
      const res = await fetch('/api/v1/stations/nearby?lat=34.2651&lng=108.9556&limit=1');
      return ((await res.json()) as { items: { code: string }[] }).items[0]!.code;
    });
    await visit(page, csp, `/s/${code}`, (p) => p.getByTestId('station-title').waitFor());
    await visit(page, csp, '/card', (p) => p.getByTestId('card-name').waitFor());
    await screenshot(page, 'csp-member-card');
    expect(csp.seen).toEqual([]);
    await context.close();
  });

  it('the console renders its sections with no violation', async () => {
    const context = await desktopContext(browser);
    const csp = await watchCsp(context);
    const page = await context.newPage();
    await staffSignIn(page, 'd04_admin', 'demo12345');
    await csp.check(page);
    await visit(page, csp, '/console/orgs', (p) => p.getByTestId('org-tree').getByText('莲湖区总工会').waitFor());
    await visit(page, csp, '/console/stations', (p) =>
      p.getByRole('cell', { name: '团结西路工会爱心驿站' }).first().waitFor(),
    );
    await visit(page, csp, '/console/stations/qr-sheet', (p) =>
      p.getByTestId('qr-grid').locator('img').first().waitFor(),
    );
    await visit(page, csp, '/console/legal', (p) => p.getByTestId('whoami').waitFor());
    await visit(page, csp, '/console/members', (p) => p.getByTestId('whoami').waitFor());
    await screenshot(page, 'csp-console-members');
    expect(csp.seen).toEqual([]);
    await context.close();
  });

  it('the API docs (Swagger UI) render the operations with no violation', async () => {
    const context = await desktopContext(browser);
    const csp = await watchCsp(context);
    const page = await context.newPage();
    await visit(page, csp, '/api/docs/', (p) => p.locator('.opblock').first().waitFor());
    expect(await page.locator('.opblock').count()).toBeGreaterThan(50);
    await page.locator('.opblock-summary').first().click();
    await page.locator('.opblock-body').first().waitFor();
    await page.waitForLoadState('networkidle');
    await csp.check(page);
    await screenshot(page, 'csp-api-docs', { ownPage: false });
    expect(csp.seen).toEqual([]);
    await context.close();
  });
});
