import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressible, compressMinBytes, precompress, routePreloads } from '../../web/build/vite-plugins.js';
import { startTestApp, type TestApp } from './harness.js';

/**
 * How the server hands out the two web apps: the build's compressed copies by Accept-Encoding, hashed
 * files cached for a year, HTML and the service worker revalidated, and a missing build file a 404
 * (not the app's index.html). The apps here are tiny ones built by Vite with the real build plugin, so
 * this runs before (and without) `npm run build:web`.
 */

const immutable = 'public, max-age=31536000, immutable';
// Long enough to be worth compressing, and not minified away.
const text = Array.from({ length: 300 }, (_, i) => `服务站 ${i} · rest station ${i}`).join('\n');

async function buildFixture(root: string, name: string, base: string, outDir: string): Promise<void> {
  const src = path.join(root, `src-${name}`);
  fs.mkdirSync(path.join(src, 'public'), { recursive: true });
  fs.writeFileSync(
    path.join(src, 'index.html'),
    `<!doctype html><html><head><title>${name}</title></head><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>`,
  );
  fs.writeFileSync(
    path.join(src, 'main.js'),
    `document.getElementById('root').textContent = ${JSON.stringify(`${name}\n${text}`)};\nif (location.pathname.endsWith('/map')) import('./map-page.js');\n`,
  );
  fs.writeFileSync(path.join(src, 'map-page.js'), `document.body.append(${JSON.stringify(`${name} map`)});\n`);
  fs.writeFileSync(path.join(src, 'public', 'manifest.webmanifest'), JSON.stringify({ name, start_url: base }));
  fs.writeFileSync(path.join(src, 'public', 'sw.js'), `self.addEventListener('fetch', () => {});\n`);
  const plugins = name === 'member' ? [routePreloads({ '/map': ['map-page.js'] }), precompress()] : [precompress()];
  await build({
    configFile: false,
    root: src,
    base,
    logLevel: 'silent',
    plugins,
    build: { outDir, emptyOutDir: true },
  });
}

function assetsOf(dir: string): string[] {
  return fs.readdirSync(path.join(dir, 'assets')).filter((f) => !f.endsWith('.br') && !f.endsWith('.gz'));
}

/** The entry chunk: the script index.html loads. */
function entryOf(dir: string): string {
  return /src="[^"]*\/assets\/([^"]+\.js)"/.exec(fs.readFileSync(path.join(dir, 'index.html'), 'utf8'))![1]!;
}

let t: TestApp;
let webDir: string;
let memberJs: string;
let consoleJs: string;
let mapPageJs: string;

beforeAll(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'su-web-'));
  webDir = path.join(root, 'web');
  await buildFixture(root, 'member', '/', path.join(webDir, 'member'));
  await buildFixture(root, 'console', '/console/', path.join(webDir, 'console'));
  memberJs = entryOf(path.join(webDir, 'member'));
  consoleJs = entryOf(path.join(webDir, 'console'));
  mapPageJs = assetsOf(path.join(webDir, 'member')).find((f) => f.startsWith('map-page-'))!;
  t = await startTestApp({ webDir });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('build: compressed copies', () => {
  it('writes a .br and a .gz next to every hashed asset (of 1 KB or more), each decompressing to the original', () => {
    for (const app of ['member', 'console']) {
      const dir = path.join(webDir, app, 'assets');
      const files = assetsOf(path.join(webDir, app)).filter(
        (f) => fs.statSync(path.join(dir, f)).size >= compressMinBytes,
      );
      expect(files.some((f) => f.endsWith('.js'))).toBe(true);
      for (const f of files) {
        const original = fs.readFileSync(path.join(dir, f));
        expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, `${f}.br`)))).toEqual(original);
        expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, `${f}.gz`)))).toEqual(original);
        expect(fs.statSync(path.join(dir, `${f}.br`)).size).toBeLessThan(original.length / 2);
      }
    }
  });
});

describe('server: the web apps', () => {
  it('sends the brotli copy to a client that accepts it, gzip to one that accepts only gzip, plain bytes otherwise', async () => {
    const original = fs.readFileSync(path.join(webDir, 'member', 'assets', memberJs));
    const br = await t.app.inject({
      url: `/assets/${memberJs}`,
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload)).toEqual(original);

    const gz = await t.app.inject({ url: `/assets/${memberJs}`, headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload)).toEqual(original);

    const plain = await t.app.inject({ url: `/assets/${memberJs}`, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload).toEqual(original);
  });

  it('caches hashed assets for a year (immutable) in both apps', async () => {
    for (const url of [`/assets/${memberJs}`, `/console/assets/${consoleJs}`]) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe(immutable);
      expect(res.headers['content-encoding'], url).toBe('br');
    }
  });

  it('answers / and /console/ with the apps also to a client that accepts no compression', async () => {
    for (const url of ['/', '/console/']) {
      const res = await t.app.inject({ url });
      expect({ url, status: res.statusCode, html: res.headers['content-type'] }).toEqual({
        url,
        status: 200,
        html: 'text/html; charset=utf-8',
      });
    }
  });

  it('has HTML, the service worker and the manifest revalidated on every use', async () => {
    for (const url of [
      '/',
      '/map',
      '/s/XA0001?from=map',
      '/sw.js',
      '/manifest.webmanifest',
      '/console/',
      '/console/stations',
      '/console/manifest.webmanifest',
    ]) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    const page = await t.app.inject({ url: '/map' });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain(`/assets/${memberJs}`);
    const consolePage = await t.app.inject({ url: '/console/stations' });
    expect(consolePage.body).toContain(`/console/assets/${consoleJs}`);
  });

  it("announces a route's page chunk in that route's HTML only (modulepreload)", async () => {
    const preload = `<link rel="modulepreload" crossorigin href="/assets/${mapPageJs}">`;
    const map = await t.app.inject({ url: '/map?from=home' });
    expect(map.statusCode).toBe(200);
    expect(map.body).toContain(preload);
    expect(map.body).toContain(`/assets/${memberJs}`);
    for (const url of ['/', '/login', '/s/XA0001', '/console/stations'])
      expect((await t.app.inject({ url })).body, url).not.toContain(preload);
    const head = await t.app.inject({ method: 'HEAD', url: '/map' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers 404 for a build file that is not there, in either app, and for unknown API paths', async () => {
    for (const url of [
      '/assets/index-deadbeef.js',
      '/assets/missing.css',
      '/console/assets/index-deadbeef.js',
      '/api/v1/no-such-thing',
    ]) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/json/);
      expect(res.json().error.code, url).toBe('NOT_FOUND');
    }
  });
});

// The real build (npm run build:web): checked when it is there. `npm test` runs the server tests before
// building, so the first pass on a fresh checkout skips these; the browser journeys check the same build.
const realDist = path.resolve('dist/web');
const built = ['member', 'console'].every((app) => fs.existsSync(path.join(realDist, app, 'index.html')));
if (!built)
  console.warn(
    `\n  !! ${realDist} is absent: the checks of the real build's compressed copies are SKIPPED (npm run build:web)\n`,
  );

describe.skipIf(!built)('the real build (dist/web)', () => {
  it('has a .br and a .gz next to every compressible hashed asset of both apps', () => {
    for (const app of ['member', 'console']) {
      const dir = path.join(realDist, app, 'assets');
      const files = fs
        .readdirSync(dir)
        .filter((f) => compressible.test(f) && fs.statSync(path.join(dir, f)).size >= compressMinBytes);
      expect(files.length).toBeGreaterThan(0);
      const missing = files.filter(
        (f) => !fs.existsSync(path.join(dir, `${f}.br`)) || !fs.existsSync(path.join(dir, `${f}.gz`)),
      );
      expect(missing, app).toEqual([]);
    }
  });

  it("has the member app's service worker list only files that are there", () => {
    const sw = fs.readFileSync(path.join(realDist, 'member', 'sw.js'), 'utf8');
    const shell = JSON.parse(/const SHELL=(\[[^\]]*\])/.exec(sw)![1]!) as string[];
    expect(shell[0]).toBe('/');
    expect(shell).toContain('/offline.html');
    expect(shell.some((f) => /^\/assets\/index-.*\.js$/.test(f))).toBe(true);
    for (const file of shell.slice(1)) expect(fs.existsSync(path.join(realDist, 'member', file)), file).toBe(true);
  });
});
