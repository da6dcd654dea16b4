import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { tileSource } from './security-headers.js';

/** Both web apps as tiny built copies, so the static files and the client-side route fallback are served. */
function fakeWebDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'su-web-'));
  for (const app of ['member', 'console']) {
    fs.mkdirSync(path.join(dir, app, 'assets'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, app, 'index.html'),
      `<!doctype html><title>${app}</title><script type="module" src="assets/main.js"></script>`,
    );
    fs.writeFileSync(path.join(dir, app, 'assets', 'main.js'), 'export {};');
  }
  return dir;
}

function directives(header: string | string[] | number | undefined): Map<string, string[]> {
  expect(typeof header).toBe('string');
  const map = new Map<string, string[]>();
  for (const part of String(header).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

let webDir: string;
let t: TestApp;
let https: TestApp;
beforeAll(async () => {
  webDir = fakeWebDir();
  t = await startTestApp({ webDir, mapTileUrl: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' });
  https = await startTestApp({ publicUrl: 'https://union.example.cn' });
});
afterAll(async () => {
  await t.close();
  await https.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

const pages = [
  '/',
  '/map',
  '/assets/main.js',
  '/console/',
  '/console/stations',
  '/api/docs',
  '/api/docs/',
  '/api/health',
  '/api/v1/stations/nearby?lat=34&lng=108',
];

describe('security headers', () => {
  it('answers every kind of page with a CSP without inline script, nosniff, no framing and a referrer policy', async () => {
    for (const url of [...pages, '/api/v1/me', '/api/v1/nothing-here']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect({ url, status: res.statusCode < 500 }).toEqual({ url, status: true });
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('script-src-attr')).toEqual(["'none'"]);
      // Styles may be inline (antd and Leaflet set them at run time); scripts may not.
      expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('worker-src')).toEqual(["'self'"]);
      expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://*.tiles.example.org']);
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('serves the apps themselves under it', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/' })).body).toContain('<title>member</title>');
    expect((await t.app.inject({ method: 'GET', url: '/console/stations' })).body).toContain('<title>console</title>');
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/' })).body).toContain('swagger-ui-bundle.js');
  });

  it('adds HSTS (and upgrades requests) only when PUBLIC_URL is https', async () => {
    for (const url of ['/api/health', '/api/docs/', '/api/v1/me']) {
      const res = await https.app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(directives(res.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
    }
  });

  it('derives the tile source from the tile URL template', () => {
    expect(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
    expect(tileSource('https://{s}.tile.osm.org/{z}/{x}/{y}.png')).toBe('https://*.tile.osm.org');
    expect(tileSource('http://webrd0{s}.is.autonavi.com/appmaptile?x={x}')).toBe('http://*.is.autonavi.com');
    expect(tileSource('http://localhost:8080/{z}/{x}/{y}.png')).toBe('http://localhost:8080');
    expect(tileSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
    expect(tileSource('https://{s}/{z}.png')).toBeNull();
  });
});
