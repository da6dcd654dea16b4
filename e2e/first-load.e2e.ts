import http from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heavyLibraries } from '../web/build/vite-plugins.js';
import { baseUrl, browserAvailable, launch } from './browser.js';

/** The budget for the member app's first screen: JavaScript, gzip-compressed, as a cheap phone downloads it. */
const budgetBytes = 200 * 1024;

interface Script {
  url: string;
  /** Bytes over the wire as the browser got them (headers included; 0 if served from a cache). */
  transferred: number;
  /** The body as sent with `Accept-Encoding: gzip`, measured apart from the browser. */
  gzip: number;
  raw: number;
}

/** The body size of `url` as the server sends it to a client that accepts only gzip. */
function gzipSize(url: string): Promise<{ bytes: number; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'] }));
      })
      .on('error', reject);
  });
}

/** Every script the page loaded so far, with its gzip size; prints the table. */
async function scriptsOf(page: Page, label: string): Promise<Script[]> {
  await page.waitForLoadState('networkidle');
  const entries = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => new URL(e.name).pathname.endsWith('.js'))
      .map((e) => ({ url: e.name, transferred: e.transferSize, raw: e.decodedBodySize })),
  );
  const scripts: Script[] = [];
  for (const e of entries) {
    const gz = await gzipSize(e.url);
    // The build's .gz copies, sent as is (files under 1 KB are not worth one and go plain).
    if (e.raw >= 1024) expect(gz.encoding, e.url).toBe('gzip');
    scripts.push({ ...e, gzip: gz.bytes });
  }
  const kb = (n: number) => (n / 1024).toFixed(1).padStart(7);
  const lines = scripts.map((s) => `${kb(s.gzip)} KB gzip ${kb(s.raw)} KB raw  ${new URL(s.url).pathname}`);
  const total = (key: 'gzip' | 'raw' | 'transferred') => scripts.reduce((sum, s) => sum + s[key], 0);
  console.log(
    `\n${label}: ${scripts.length} scripts, ${kb(total('gzip'))} KB gzip (${kb(total('transferred'))} KB transferred to Chromium, ${kb(total('raw'))} KB raw)\n  ${lines.join('\n  ')}`,
  );
  return scripts;
}

const chunkNames = (scripts: Script[]) => scripts.map((s) => new URL(s.url).pathname.split('/').pop()!);
const heavyIn = (scripts: Script[]) =>
  chunkNames(scripts).filter((name) => Object.keys(heavyLibraries).some((lib) => name.startsWith(`${lib}-`)));

describe.runIf(browserAvailable)('first load on a phone', () => {
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function freshPage(): Promise<Page> {
    // A first visit: empty cache, and no service worker (it would fetch the shell in the background).
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      baseURL: baseUrl(),
      serviceWorkers: 'block',
    });
    return context.newPage();
  }

  it(`the member app's first screen downloads under ${budgetBytes / 1024} KB of JavaScript (gzip), and no heavy library`, async () => {
    const page = await freshPage();
    await page.goto('/');
    // A new visitor's first screen: sign-in.
    await page.getByTestId('phone').waitFor();
    const scripts = await scriptsOf(page, 'member app, first screen (/ → /login)');
    const total = scripts.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `  member first screen: ${(total / 1024).toFixed(1)} KB of JavaScript (gzip), budget ${budgetBytes / 1024} KB`,
    );
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(budgetBytes);
    expect(heavyIn(scripts)).toEqual([]);

    // The map brings Leaflet with it, and only the map.
    await page.goto('/map');
    await page.getByTestId('station-list').waitFor();
    const map = await scriptsOf(page, 'member app, /map');
    expect(heavyIn(map)).toEqual([expect.stringMatching(/^leaflet-/)]);
    await context.close();
  });

  it('the console downloads neither ECharts nor the QR scanner for sign-in', async () => {
    const page = await freshPage();
    await page.goto('/console/');
    await page.getByTestId('username').waitFor();
    const scripts = await scriptsOf(page, 'console, sign-in');
    expect(scripts.length).toBeGreaterThan(0);
    expect(heavyIn(scripts)).toEqual([]);
    await context.close();
  });
});
