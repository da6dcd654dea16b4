import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launch, phoneContext, screenshot } from './browser.js';

describe.runIf(browserAvailable)('offline (service worker)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('pages opened before and the last-seen stations work offline; any other page shows the offline page', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByTestId('phone').waitFor();
    // The worker installs after the first load and takes control of the open page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    await page.goto('/map');
    await page.getByTestId('station-list').waitFor();
    const names = await page.getByTestId('station-name').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    // A station opened from the list (a client-side navigation, not a page load).
    await page.getByTestId('station-name').first().click();
    await page.getByTestId('station-title').waitFor();
    const stationPath = new URL(page.url()).pathname;
    const stationTitle = await page.getByTestId('station-title').textContent();
    expect(stationTitle).toBe(names[0]);

    await context.setOffline(true);
    // Really offline: what the worker does not keep fails.
    expect(
      await page.evaluate(() =>
        fetch('/api/v1/public-config').then(
          () => 'reached',
          () => 'failed',
        ),
      ),
    ).toBe('failed');

    await page.goto('/map');
    await page.getByTestId('station-list').waitFor();
    expect(await page.getByTestId('station-name').allTextContents()).toEqual(names);
    await screenshot(page, 'member-offline-map');

    await page.reload();
    await page.getByTestId('station-list').waitFor();
    expect(await page.getByTestId('station-name').allTextContents()).toEqual(names);

    await page.goto(stationPath);
    await page.getByTestId('station-title').waitFor();
    expect(await page.getByTestId('station-title').textContent()).toBe(stationTitle);

    // The app shell: the first page renders again (sign-in, for this visitor).
    await page.goto('/');
    await page.getByTestId('phone').waitFor();

    // A page never opened: the app's offline page, not the browser's error.
    const response = await page.goto('/vouchers');
    expect(response?.status()).toBe(200);
    await page.getByTestId('offline-page').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('网络未连接');
    // Its style sheet came from the worker's cache too.
    expect(await page.locator('a.primary').evaluate((a) => getComputedStyle(a).backgroundColor)).toBe(
      'rgb(196, 50, 10)',
    );
    await screenshot(page, 'member-offline-page');

    // Back online, the same address opens the app again (members only: sign-in for this visitor).
    await context.setOffline(false);
    await page.reload();
    await page.getByTestId('phone').waitFor();
    await context.close();
  });
});
