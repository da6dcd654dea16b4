import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, desktopContext, launch, memberSignIn, phoneContext, screenshot, staffSignIn } from './browser.js';

describe.runIf(browserAvailable)('member perks 普惠', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a member claims a swimming voucher and the pool redeems it once', async () => {
    const phoneCtx = await phoneContext(browser);
    const app = await phoneCtx.newPage();
    await memberSignIn(app, '13900000004');
    await app.getByTestId('svc-perks').click();
    await app.getByText('夏日游泳体验券').waitFor();
    await app.getByTestId('claim').first().click();
    await app.getByTestId('voucher-code').first().waitFor();
    const code = (await app.getByTestId('voucher-code').first().textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{12}$/);
    await screenshot(app, 'member-voucher');

    const desk = await desktopContext(browser);
    const shop = await desk.newPage();
    await staffSignIn(shop, 'd04_shop', 'demo12345');
    await shop.getByRole('menuitem', { name: '商家核销' }).click();
    await shop.getByTestId('redeem-code').fill(code);
    await shop.getByTestId('redeem').click();
    await expect.poll(() => shop.getByTestId('redeem-result').textContent()).toContain('核销成功');
    await shop.getByTestId('redeem-code').fill(code);
    await shop.getByTestId('redeem').click();
    await expect.poll(() => shop.getByTestId('redeem-result').textContent()).toContain('该券已核销');
    await screenshot(shop, 'console-redeem');

    await app.reload();
    await app.getByText('已核销').first().waitFor();
    await phoneCtx.close();
    await desk.close();
  });

  it('an enrolled sanitation worker shows the breakfast card; the shop serves one breakfast a day', async () => {
    const phoneCtx = await phoneContext(browser);
    const app = await phoneCtx.newPage();
    await memberSignIn(app, '13900000005');
    await app.getByTestId('svc-breakfast').click();
    const code = (await app.getByTestId('breakfast-code').textContent())!.trim();
    expect(await app.getByTestId('breakfast-today').textContent()).toBe('今日可领取一份');

    const desk = await desktopContext(browser);
    const shop = await desk.newPage();
    await staffSignIn(shop, 'd04_shop', 'demo12345');
    await shop.getByRole('menuitem', { name: '商家核销' }).click();
    await shop.getByTestId('breakfast-card').fill(code);
    await shop.getByTestId('serve-breakfast').click();
    await expect.poll(() => shop.getByTestId('breakfast-result').textContent()).toContain('今日早餐已领取');
    await shop.getByTestId('breakfast-card').fill(code);
    await shop.getByTestId('serve-breakfast').click();
    await expect.poll(() => shop.getByTestId('breakfast-result').textContent()).toContain('今天已经领过爱心早餐了');

    await app.reload();
    await expect.poll(() => app.getByTestId('breakfast-today').textContent()).toBe('今日已领取');
    await screenshot(app, 'member-breakfast');
    await phoneCtx.close();
    await desk.close();
  });
});
