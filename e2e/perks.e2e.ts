import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  browserAvailable,
  desktopContext,
  launch,
  memberSignIn,
  phoneContext,
  qrCameraFile,
  screenshot,
  staffSignIn,
} from './browser.js';

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
    // A cashier lands on the redemption page and sees no other section.
    await shop.getByTestId('redeem-code').waitFor();
    expect(await shop.getByRole('menuitem').count()).toBe(1);
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

  it('the shop scans the voucher QR on the member’s phone with its camera', async () => {
    const phoneCtx = await phoneContext(browser);
    const app = await phoneCtx.newPage();
    await memberSignIn(app, '13900000006');
    await app.getByTestId('svc-perks').click();
    await app.getByText('夏日游泳体验券').waitFor();
    await app.getByTestId('claim').first().click();
    await app.getByTestId('voucher-code').first().waitFor();
    const code = (await app.getByTestId('voucher-code').first().textContent())!.trim();

    // The shop's webcam sees the phone's screen: Chromium's fake camera plays the QR code.
    const cameraBrowser = await launch([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${await qrCameraFile(code)}`,
    ]);
    try {
      const desk = await desktopContext(cameraBrowser);
      await desk.grantPermissions(['camera'], { origin: baseUrl() });
      const shop = await desk.newPage();
      await staffSignIn(shop, 'd04_shop', 'demo12345');
      await shop.getByRole('menuitem', { name: '商家核销' }).click();
      const logs: string[] = [];
      shop.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
      await shop.getByTestId('open-scanner').click();
      await shop.getByTestId('scan-video').waitFor();
      // The result of the scan, or the scanner's own error: either ends the wait.
      const outcome = shop.getByTestId('redeem-result').or(shop.getByTestId('scan-error'));
      try {
        await outcome.waitFor({ timeout: 45_000 });
      } catch (error) {
        await screenshot(shop, 'console-scan-failure');
        throw new Error(`no scan result in 45 s; page console: ${logs.join(' | ') || '(empty)'}`, { cause: error });
      }
      expect(await outcome.textContent()).toContain('核销成功');
      await screenshot(shop, 'console-scan-redeem');
    } finally {
      await cameraBrowser.close();
    }
    await app.reload();
    await app.getByText('已核销').first().waitFor();
    await phoneCtx.close();
  });

  it('perks staff enrol a worker for love breakfast, register a shop and make it a partner', async () => {
    // A new member of a union in the city, registered through the API as the union's staff would.
    const login = await fetch(`${baseUrl()}/api/v1/auth/staff-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'xian_admin', password: 'demo12345' }),
    });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const unions = (await (
      await fetch(`${baseUrl()}/api/v1/orgs?kind=grassroots&limit=5`, { headers: auth })
    ).json()) as {
      items: { id: string }[];
    };
    const name = `环卫${Date.now() % 100000}`;
    const created = await fetch(`${baseUrl()}/api/v1/members`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        name,
        phone: `137${String(Date.now() % 1e8).padStart(8, '0')}`,
        orgId: unions.items[0]!.id,
        occupation: '环卫工人',
      }),
    });
    expect(created.status).toBe(201);

    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await staffSignIn(page, 'xian_admin', 'demo12345');
    await page.getByRole('menuitem', { name: '爱心早餐' }).click();
    await page.getByTestId('enrolments-table').waitFor();
    await page.getByTestId('open-enrol').click();
    await page.getByTestId('enrol-member').click();
    await page.keyboard.type(name);
    await page.getByText(new RegExp(`^${name} · `)).click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText(new RegExp(`已为 ${name} 开通早餐卡 BF`)).waitFor();
    await page.getByTestId('enrolments-table').getByText(name).waitFor();

    await page.getByRole('tab', { name: '爱心商家' }).click();
    await page.getByRole('button', { name: '登记爱心商家' }).click();
    await page.getByRole('dialog').getByLabel('商家').fill('东大街爱心早餐铺');
    await page.getByRole('dialog').getByLabel('地址').fill('东大街 88 号');
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('东大街爱心早餐铺').waitFor();

    await page.getByRole('tab', { name: '合作早餐店' }).click();
    await page.getByTestId('open-partner').click();
    await page.getByTestId('merchant-picker').click();
    await page.getByText('东大街爱心早餐铺 · 东大街 88 号').click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('partners-table').getByText('东大街爱心早餐铺').waitFor();
    await screenshot(page, 'console-breakfast');
    await desk.close();
  });
});
