import jsQRModule from 'jsqr';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, browserAvailable, desktopContext, launch, memberSignIn, screenshot, staffSignIn } from './browser.js';

type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR: Decode = (jsQRModule as unknown as { default?: Decode }).default ?? (jsQRModule as unknown as Decode);

// Standing on 莲湖区's first demo rest station (团结西路工会爱心驿站, open all day).
const here = { latitude: 34.2651, longitude: 108.9556 };

describe.runIf(browserAvailable)('love map 爱心地图', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a sanitation worker finds the nearest station in one tap, opens it, rates it once a day', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      baseURL: baseUrl(),
      geolocation: here,
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await memberSignIn(page, '13900000002');
    await page.getByTestId('svc-map').click();
    await page.getByTestId('station-list').waitFor();
    // The map opens on the city centre; the member's own position only after the tap.
    await page.getByTestId('find-nearest').click();
    const first = page.getByTestId('station-name').first();
    await expect.poll(() => first.textContent()).toBe('团结西路工会爱心驿站');
    await screenshot(page, 'member-map');

    await page.getByTestId('open-now').click();
    await page.getByTestId('station-list').waitFor();
    expect(await page.getByText('未开放').count()).toBe(0);

    await first.click();
    await page.getByTestId('station-title').waitFor();
    expect(await page.getByTestId('station-title').textContent()).toBe('团结西路工会爱心驿站');
    const code = new URL(page.url()).pathname.split('/').pop()!;
    expect(code).toMatch(/^610104RS\d{4}$/);
    await page.getByTestId('rate').getByRole('radio', { name: '5', exact: true }).tap();
    await page.getByTestId('submit-rating').click();
    await page.getByTestId('rated').waitFor();
    await page.getByText('5.0 分 · 1 人评价').waitFor();
    await screenshot(page, 'member-station-rated');

    // The printed QR code opens the same page; a second rating the same day is refused.
    const png = Buffer.from(await (await fetch(`${baseUrl()}/api/v1/stations/${code}/qr.png`)).arrayBuffer());
    const image = PNG.sync.read(png);
    const target = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
    expect(target).toBe(`${baseUrl()}/s/${code}`);
    await page.goto(target!);
    await page.getByTestId('station-title').waitFor();
    await page.getByTestId('rate').getByRole('radio', { name: '3', exact: true }).tap();
    await page.getByTestId('submit-rating').click();
    await page.getByTestId('rated').waitFor();
    expect(await page.getByTestId('rating-summary').textContent()).toBe('5.0 分 · 1 人评价');
    await context.close();
  });

  it('a district station officer registers a station in the console and prints its QR code', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    await staffSignIn(page, 'd04_stations', 'demo12345');
    await page.getByRole('menuitem', { name: '爱心地图站点' }).click();
    await page.getByRole('cell', { name: '团结西路工会爱心驿站' }).first().waitFor();
    await page.getByTestId('add-station').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('station-name-input').fill('桃园路快递小哥驿站');
    await dialog.getByLabel('地址').fill('西安市莲湖区桃园路88号');
    await dialog.getByPlaceholder('纬度').fill('34.2589');
    await dialog.getByPlaceholder('经度').fill('108.9102');
    // The usual hours are there as values to keep, on clocks of hours and minutes (no seconds to type).
    const timeOf = (testId: string) =>
      dialog
        .locator(`[data-testid=${testId}]`)
        .evaluate((el) => (el instanceof HTMLInputElement ? el : el.querySelector('input'))!.value);
    expect([await timeOf('opens-at'), await timeOf('closes-at')]).toEqual(['07:00', '21:00']);
    await dialog.locator('[data-testid=opens-at]').click();
    const columns = page.locator('.ant-picker-dropdown:visible .ant-picker-time-panel-column');
    await expect.poll(() => columns.count()).toBe(2);
    await dialog.getByLabel('地址').click();
    await columns.first().waitFor({ state: 'hidden' });
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByRole('cell', { name: '桃园路快递小哥驿站' }).waitFor();
    expect(await page.getByRole('row', { name: /桃园路快递小哥驿站/ }).textContent()).toContain('07:00–21:00');
    const code = await page
      .getByRole('row', { name: /桃园路快递小哥驿站/ })
      .getByRole('cell')
      .first()
      .textContent();
    expect(code).toMatch(/^610104RS\d{4}$/);
    await screenshot(page, 'console-stations');

    await page.getByTestId('qr-sheet').click();
    const card = page.getByTestId('qr-grid').locator('.qr-card', { hasText: '桃园路快递小哥驿站' });
    await card.waitFor();
    const img = card.locator('img');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await screenshot(page, 'console-qr-sheet');
    await context.close();
  });
});
