import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { expectAccessible } from './axe.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** In CI the browser journeys are required; on a developer machine without Chromium they are skipped loudly. */
export const browserAvailable = fs.existsSync(chromiumPath);
if (!browserAvailable) {
  if (process.env.CI || process.env.E2E_REQUIRED)
    throw new Error(`Chromium not found at ${chromiumPath}; browser tests are required here`);
  console.warn(
    `\n  !! Chromium not found at ${chromiumPath}: browser journeys SKIPPED (apt-get install chromium fonts-wqy-zenhei)\n`,
  );
}

/** `extraArgs`: e.g. a fake camera (`--use-file-for-fake-video-capture=…`) for scanning journeys. */
export function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export const baseUrl = () => inject('baseUrl');

export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    baseURL: baseUrl(),
  });
}

export async function desktopContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', baseURL: baseUrl() });
}

/** The SMS code the console provider "sent", read from the dev outbox as a tester would. */
export async function latestSmsCode(phone: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/v1/dev/sms-outbox?phone=${phone}`);
  const body = (await res.json()) as { items: { code: string }[] };
  if (!body.items[0]) throw new Error(`no SMS sent to ${phone}`);
  return body.items[0].code;
}

/** A member's session token, signed in through the API as the app does (SMS code from the dev outbox). */
export async function memberApiToken(phone: string): Promise<string> {
  const sent = await fetch(`${baseUrl()}/api/v1/auth/sms-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone }),
  });
  if (sent.status !== 202) throw new Error(`sms-code for ${phone}: ${sent.status} (one code a minute per phone)`);
  const login = await fetch(`${baseUrl()}/api/v1/auth/member-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, code: await latestSmsCode(phone) }),
  });
  if (login.status !== 200) throw new Error(`member-login for ${phone}: ${login.status}`);
  return ((await login.json()) as { token: string }).token;
}

/** A demo staff member's session token and org, signed in through the API. */
export async function staffApiLogin(
  username: string,
  password = 'demo12345',
): Promise<{ token: string; orgId: string }> {
  const login = await fetch(`${baseUrl()}/api/v1/auth/staff-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`staff-login for ${username}: ${login.status}`);
  const body = (await login.json()) as { token: string; staff: { org: { id: string } } };
  return { token: body.token, orgId: body.staff.org.id };
}

export async function memberSignIn(page: Page, phone: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('phone').locator('input').fill(phone);
  await page.getByTestId('send-code').click();
  await page.getByTestId('send-code').getByText('秒后重发').waitFor();
  await page
    .getByTestId('code')
    .locator('input')
    .fill(await latestSmsCode(phone));
  await expectAccessible(page, 'member sign-in');
  await page.getByTestId('login').click();
  await page.getByTestId('greeting').waitFor();
  await expectAccessible(page, 'member home');
}

export async function staffSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/console/login');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await expectAccessible(page, 'staff sign-in');
  await page.getByTestId('login').click();
  await page.getByTestId('whoami').waitFor();
  await expectAccessible(page, `${username}'s first page`);
}

/**
 * A picture of the page as the journey reached it, for people to look at; every screen a journey pictures is
 * also checked with axe-core (0 critical, 0 serious violations), as are the screens the sign-in helpers pass.
 */
export async function screenshot(page: Page, name: string, { ownPage = true } = {}): Promise<void> {
  // Swagger UI at /api/docs is a third party's page, for developers: its findings are not ours to fix.
  if (ownPage) await expectAccessible(page, name);
  fs.mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

/**
 * A camera for Chromium's fake capture device: a Y4M video whose frames show `text` as a QR code,
 * as a phone held up to a shop's webcam would.
 */
export async function qrCameraFile(text: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  const { PNG } = await import('pngjs');
  const png = PNG.sync.read(await QRCode.toBuffer(text, { type: 'png', width: 360, margin: 4 }));
  const width = 640;
  const height = 480;
  const luma = Buffer.alloc(width * height, 235);
  const left = (width - png.width) >> 1;
  const top = (height - png.height) >> 1;
  for (let y = 0; y < png.height; y++)
    for (let x = 0; x < png.width; x++)
      luma[(top + y) * width + left + x] = png.data[(y * png.width + x) * 4]! < 128 ? 16 : 235;
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'su-camera-')), 'qr.y4m');
  fs.writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]),
  );
  return file;
}

/**
 * Moves the test server's clock `offsetMs` ahead of the real time (0: back to it), as days passing would: the
 * server reads only its clock. Staff sessions idle out across a move of more than their idle time: sign in again.
 */
export async function moveServerClock(offsetMs: number): Promise<void> {
  const res = await fetch(`${baseUrl()}/e2e/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ offsetMs }),
  });
  if (res.status !== 200) throw new Error(`moving the server clock: ${res.status}`);
}
