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

describe.runIf(browserAvailable)('sign-in journeys', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a registered sanitation worker signs in by SMS code and opens the member card', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    // Demo members have phones 139 0000 0001…; every one is in the registry.
    await memberSignIn(page, '13900000001');
    const greeting = await page.getByTestId('greeting').textContent();
    expect(greeting).toMatch(/^您好，.+/);
    expect(await page.getByText('会员', { exact: false }).first().isVisible()).toBe(true);
    await screenshot(page, 'member-home');
    await page.getByTestId('svc-card').click();
    await page.getByTestId('card-name').waitFor();
    expect(await page.getByText('会员证号').isVisible()).toBe(true);
    await screenshot(page, 'member-card');
    await context.close();
  });

  it('the SMS provider failing: the member reads why, with no countdown, and the next ask signs in', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    // The server's answer when the provider finally refused the message (server/src/modules/auth/sms-delivery.test.ts).
    await page.route('**/api/v1/auth/sms-code', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'SMS_UNAVAILABLE', message: '短信验证码发送失败，请稍后重新获取' } }),
      }),
    );
    // A phone of this journey only: another journey's code a minute ago would meet the 60 s cooldown.
    await page.goto('/login');
    await page.getByTestId('phone').locator('input').fill('13900000048');
    await page.getByTestId('send-code').click();
    await page.getByText('验证码短信发送失败，请稍后重新获取').waitFor();
    expect(await page.getByTestId('send-code').isEnabled()).toBe(true);
    expect(await page.getByTestId('send-code').textContent()).not.toContain('秒后重发');
    await page.unroute('**/api/v1/auth/sms-code');
    await memberSignIn(page, '13900000048');
    await context.close();
  });

  it('staff sign in to the console; a wrong password is refused with a message', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    await page.goto('/console/login');
    await page.getByTestId('username').fill('d04_admin');
    await page.getByTestId('password').fill('wrong-password');
    await page.getByTestId('login').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await staffSignIn(page, 'd04_admin', 'demo12345');
    expect(await page.getByTestId('whoami').textContent()).toContain('莲湖区总工会');
    await page.getByTestId('org-tree').getByText('莲湖区总工会').waitFor();
    await screenshot(page, 'console-orgs');
    await context.close();
  });
});
