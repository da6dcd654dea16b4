import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';

/**
 * The origin pattern a Leaflet tile URL template loads from, for `img-src`: `https://{s}.tile.osm.org/{z}/{x}/{y}.png`
 * → `https://*.tile.osm.org`. A placeholder in the host stands for any label from there leftwards (CSP wildcards
 * are leftmost only). Null when the template is not an absolute http(s) URL (tiles from this server need nothing).
 */
export function tileSource(template: string): string | null {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(template.trim());
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  const authority = match[2]!.toLowerCase();
  const at = authority.lastIndexOf('@');
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  const labels = hostPort.split('.');
  const last = labels.reduce((found, label, i) => (label.includes('{') ? i : found), -1);
  const host = last < 0 ? hostPort : ['*', ...labels.slice(last + 1)].join('.');
  if (!/^[a-z0-9*.:\-[\]]+$/.test(host) || host === '*') return null;
  return `${scheme}://${host}`;
}

/** The Content-Security-Policy directives both web apps and /api/docs run under: no inline or foreign script. */
export function cspDirectives(config: Pick<Config, 'mapTileUrl' | 'publicUrl'>): Record<string, string[]> {
  const tiles = tileSource(config.mapTileUrl);
  const https = config.publicUrl.startsWith('https://');
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    // antd and Leaflet set styles at run time (style elements and attributes); styles cannot run code.
    'style-src': ["'self'", "'unsafe-inline'"],
    // Map tiles, QR codes and pictures chosen for upload (blob:) before they are sent.
    'img-src': ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    // Evidence PDFs shown in the browser's viewer from a downloaded copy.
    'frame-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * The security headers every answer carries, computed once: helmet's middleware run against a recording
 * response. None of them depends on the request, so building them per response (as @fastify/helmet does, ≈ 3 %
 * of a voucher claim's CPU) buys nothing. CSP, nosniff, no framing, a referrer policy that still tells tile
 * servers which site asks (OpenStreetMap's usage policy wants it), and HSTS only when the public address is
 * https (on plain http it would be ignored at best, and strand a LAN install at worst).
 */
export function securityHeaders(config: Pick<Config, 'mapTileUrl' | 'publicUrl'>): Record<string, string> {
  const https = config.publicUrl.startsWith('https://');
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config) },
    strictTransportSecurity: https ? { maxAge: 365 * 86_400, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => (failure = error));
  if (failure) throw failure;
  return headers;
}

/** Sets the headers of `securityHeaders` on every answer (API, web apps, /api/docs, errors); a route may override one. */
export function registerSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'mapTileUrl' | 'publicUrl'>): void {
  const headers = securityHeaders(config);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
