import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmsProvider } from '../server/test/fake-sms-providers.js';
import { freePort, whenHealthy } from '../server/test/processes.js';
import { scratchDatabaseUrl } from '../server/test/scratch-database.js';
import { expectAccessible } from './axe.js';
import { browserAvailable, launch } from './browser.js';

/**
 * The production build as a federation's IT office runs it: `npm run build`'s dist/ started with plain Node
 * (`NODE_ENV=production node dist/server/main.js`, no TypeScript tooling), a PII key, a real SMS provider's API
 * (the fake Alibaba Cloud endpoint, which checks the request signature), the demo city; with a PostgreSQL server,
 * two cluster workers (WORKERS=2). A member signs in with the code the provider delivered, finds the nearest
 * station, and files a legal case, in Chromium.
 */
const sms = { keyId: 'smoke-key-id', secret: 'smoke-secret' };

describe.runIf(browserAvailable)('the production build (dist/, plain node, NODE_ENV=production)', () => {
  let browser: Browser;
  let server: ChildProcess;
  let fake: Awaited<ReturnType<typeof startFakeSmsProvider>>;
  let url: string;
  let dataDir: string;
  const output: string[] = [];
  const workers = process.env.DATABASE_URL ? 2 : 1;
  const metricsToken = crypto.randomBytes(16).toString('hex');

  beforeAll(async () => {
    const main = path.resolve('dist/server/main.js');
    if (!fs.existsSync(main)) throw new Error('build first: npm run build (the test:e2e script does)');
    fake = await startFakeSmsProvider('aliyun', sms);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'su-prod-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [main], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(port),
        PUBLIC_URL: url,
        DATA_DIR: dataDir,
        DATABASE_URL: process.env.DATABASE_URL ? await scratchDatabaseUrl(process.env.DATABASE_URL, 'production') : '',
        WORKERS: String(workers),
        METRICS_TOKEN: metricsToken,
        PII_KEY: crypto.randomBytes(32).toString('base64'),
        ADMIN_PASSWORD: 'smoke-admin-pass',
        DEMO_DATA: '1',
        WEB_DIR: path.resolve('dist/web'),
        SMS_PROVIDER: 'aliyun',
        ALIYUN_SMS_ENDPOINT: fake.url,
        ALIYUN_SMS_ACCESS_KEY_ID: sms.keyId,
        ALIYUN_SMS_ACCESS_KEY_SECRET: sms.secret,
        ALIYUN_SMS_SIGN_NAME: '智慧工会',
        ALIYUN_SMS_TEMPLATE_CODE: 'SMS_000000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    await whenHealthy(url, server, output);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const ended = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await ended;
    }
    await fake?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start without PII_KEY, and with the dev SMS outbox', async () => {
    const refusal = (env: NodeJS.ProcessEnv) =>
      new Promise<{ code: number | null; text: string }>((resolve) => {
        const child = spawn(process.execPath, [path.resolve('dist/server/main.js')], {
          env: { PATH: process.env.PATH, NODE_ENV: 'production', DATA_DIR: dataDir, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let text = '';
        child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
        child.on('exit', (code) => resolve({ code, text }));
      });
    const noKey = await refusal({ SMS_PROVIDER: 'aliyun' });
    expect(noKey.code).toBe(2);
    expect(noKey.text).toContain('PII_KEY');
    const outbox = await refusal({ PII_KEY: crypto.randomBytes(32).toString('hex') });
    expect(outbox.code).toBe(2);
    expect(outbox.text).toContain('SMS_PROVIDER');
  });

  it('serves hashed assets for a year, the HTML revalidated, under the security headers; no dev outbox', async () => {
    const page = await fetch(`${url}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const script = await fetch(`${url}${asset}`, { headers: { 'accept-encoding': 'br' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-encoding')).toBe('br');
    expect((await fetch(`${url}/api/v1/dev/sms-outbox`)).status).toBe(404);
  });

  it(`reports the requests every one of its ${workers} server process(es) answered in one scrape`, async () => {
    const scrape = async () => {
      const res = await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
      expect(res.status).toBe(200);
      const line = (await res.text())
        .split('\n')
        .find((l) => l.startsWith('http_requests_total{') && l.includes('route="/api/health/live"'));
      return line ? Number(line.split(' ').pop()) : 0;
    };
    const before = await scrape();
    // New connections each: the cluster hands them to the workers in turn.
    for (let i = 0; i < 20; i++)
      expect((await fetch(`${url}/api/health/live`, { headers: { connection: 'close' } })).status).toBe(200);
    expect((await scrape()) - before).toBe(20);
    expect((await fetch(`${url}/api/metrics`)).status).toBe(401);
  });

  it('a member signs in with the code the SMS provider delivered, finds the nearest station and files a case', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      baseURL: url,
      geolocation: { latitude: 34.2655, longitude: 108.9356 },
      permissions: ['geolocation'],
    });
    const app = await context.newPage();
    const phone = '13900000047';
    await app.goto('/login');
    await app.getByTestId('phone').locator('input').fill(phone);
    await app.getByTestId('send-code').click();
    await app.getByTestId('send-code').getByText('秒后重发').waitFor();
    const delivered = fake.received(phone);
    expect(delivered).toHaveLength(1);
    await app.getByTestId('code').locator('input').fill(delivered[0]!.code);
    await expectAccessible(app, 'production: sign-in');
    await app.getByTestId('login').click();
    await app.getByTestId('greeting').waitFor();
    await expectAccessible(app, 'production: member home');

    await app.getByTestId('svc-map').click();
    await app.getByTestId('station-list').waitFor();
    await app.getByTestId('find-nearest').click();
    await expect.poll(() => app.getByTestId('station-name').count()).toBeGreaterThan(0);
    await expectAccessible(app, 'production: map');

    await app.goto('/');
    await app.getByTestId('svc-legal').click();
    await app.getByTestId('new-case').click();
    await app.getByTestId('category').getByText('加班费').click();
    await app.getByTestId('employer-name').locator('input').fill('生产环境冒烟测试公司');
    await app.getByTestId('region').click();
    const picker = app.locator('.adm-cascader');
    await picker.getByText('陕西省', { exact: true }).click();
    await picker.getByText('西安市', { exact: true }).click();
    await picker.getByText('莲湖区', { exact: true }).click();
    await picker.getByText('确定', { exact: true }).click();
    await app.getByTestId('description').locator('textarea').fill('连续两个月加班未付加班费，请求调解。');
    await expectAccessible(app, 'production: new case');
    await app.getByTestId('file-case').click();
    await app.getByTestId('my-case-status').waitFor();
    expect(await app.getByTestId('my-case-status').textContent()).toBe('待受理');
    await expectAccessible(app, 'production: case filed');
    await context.close();
    // Nothing personal in the server's log: the phone never appears.
    expect(output.join('')).not.toContain(phone);
  });
});
