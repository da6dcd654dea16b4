import crypto from 'node:crypto';
import { register as globalRegistry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/kernel/db/client.js';
import { createJob } from '../src/kernel/jobs.js';
import { Readiness } from '../src/kernel/readiness.js';
import { sql } from '../src/kernel/db/client.js';
import { randomPhone, rootAdminToken } from './factories.js';
import { startTestApp, type TestApp } from './harness.js';

const metricsToken = `metrics-${crypto.randomBytes(12).toString('hex')}`;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ metricsToken });
});
afterAll(async () => {
  await t.close();
});

const scrape = async (app: TestApp = t) => {
  const res = await app.call('GET', '/api/metrics', { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(res.status).toBe(200);
  return res.raw.body;
};

/** The value of one series in Prometheus text (0 when the series is not there yet). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (
      Object.entries(labels).every(([k, v]) => found[k] === v) &&
      Object.keys(found).length === Object.keys(labels).length
    )
      return Number(m[3]);
  }
  return 0;
}

describe('GET /api/metrics', () => {
  it('answers 404 when no METRICS_TOKEN is set, 401 without the right bearer token', async () => {
    const closed = await startTestApp({ metricsToken: null });
    try {
      const res = await closed.call('GET', '/api/metrics', { headers: { authorization: `Bearer ${metricsToken}` } });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('NOT_FOUND');
    } finally {
      await closed.close();
    }
    const staffToken = await rootAdminToken(t);
    for (const authorization of [
      undefined,
      `Bearer ${metricsToken}x`,
      `Bearer ${staffToken}`,
      metricsToken,
      'Bearer ',
    ]) {
      const res = await t.call('GET', '/api/metrics', { headers: authorization ? { authorization } : {} });
      expect({ authorization, status: res.status }).toEqual({ authorization, status: 401 });
      expect(res.json.error.code).toBe('UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('counts requests by method, route pattern and status, and times them in a histogram', async () => {
    const before = await scrape();
    const config = { method: 'GET', route: '/api/v1/public-config', status: '200' };
    for (let i = 0; i < 3; i++) expect((await t.call('GET', '/api/v1/public-config')).status).toBe(200);
    const member = `/api/v1/members/${crypto.randomUUID()}`;
    expect((await t.call('GET', member)).status).toBe(401);
    const phone = randomPhone();
    expect((await t.call('GET', `/api/v1/no-such-thing?q=${phone}`)).status).toBe(404);
    const after = await scrape();

    expect(sample(after, 'http_requests_total', config) - sample(before, 'http_requests_total', config)).toBe(3);
    const byPattern = { method: 'GET', route: '/api/v1/members/:id', status: '401' };
    expect(sample(after, 'http_requests_total', byPattern) - sample(before, 'http_requests_total', byPattern)).toBe(1);
    const unmatched = { method: 'GET', route: 'unmatched', status: '404' };
    expect(sample(after, 'http_requests_total', unmatched) - sample(before, 'http_requests_total', unmatched)).toBe(1);
    // Labels are patterns: no URL, id or query string becomes a series.
    expect(after).not.toContain(member);
    expect(after).not.toContain(phone);

    const timing = { method: 'GET', route: '/api/v1/public-config' };
    const count = sample(after, 'http_request_duration_seconds_count', timing);
    expect(count - sample(before, 'http_request_duration_seconds_count', timing)).toBe(3);
    expect(sample(after, 'http_request_duration_seconds_bucket', { le: '+Inf', ...timing })).toBe(count);
    expect(sample(after, 'http_request_duration_seconds_bucket', { le: '10', ...timing })).toBe(count);
    expect(sample(after, 'http_request_duration_seconds_sum', timing)).toBeGreaterThan(0);
    expect(after).toContain('# TYPE http_request_duration_seconds histogram');
    for (const le of ['0.001', '0.005', '0.1', '1'])
      expect(sample(after, 'http_request_duration_seconds_bucket', { le, ...timing })).toBeLessThanOrEqual(count);
    expect(after).toMatch(/http_request_duration_seconds_bucket\{[^}]*le="0.001"[^}]*route="\/api\/v1\/public-config"/);
  });

  it('counts the SMS codes sent, by provider and outcome', async () => {
    const sent = { provider: 'console', outcome: 'sent' };
    const before = sample(await scrape(), 'sms_sent_total', sent);
    const res = await t.call('POST', '/api/v1/auth/sms-code', { body: { phone: randomPhone() } });
    expect(res.status).toBe(202);
    expect(sample(await scrape(), 'sms_sent_total', sent)).toBe(before + 1);
  });

  it('reports the import jobs queued or running, the database pool, and the process', async () => {
    const me = await t.call('GET', '/api/v1/me', { token: await rootAdminToken(t) });
    const kind = `probe_${crypto.randomBytes(4).toString('hex')}`;
    const id = await createJob(t.ctx.db, {
      kind,
      orgId: me.json.staff.org.id,
      createdBy: me.json.staff.id,
      inputFileId: null,
    });
    try {
      expect(sample(await scrape(), 'jobs_queue_depth', { kind, status: 'queued' })).toBe(1);
    } finally {
      await t.ctx.db.execute(sql`delete from jobs where id = ${id}`);
    }
    const text = await scrape();
    expect(sample(text, 'jobs_queue_depth', { kind, status: 'queued' })).toBe(0);
    expect(text).toContain('# TYPE background_work_running gauge');
    if (t.database.kind === 'postgres') {
      expect(sample(text, 'db_pool_connections', {})).toBeGreaterThan(0);
      expect(text).toContain('# TYPE db_pool_waiting_requests gauge');
      expect(text).toContain('# TYPE db_pool_idle_connections gauge');
    } else {
      // The embedded database has no pool to report.
      expect(text).not.toContain('db_pool_connections');
    }
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
    // Each app counts in its own registry: several apps in one process never mix their numbers.
    expect(await globalRegistry.getSingleMetric('http_requests_total')).toBeUndefined();
  });
});

describe('request ids', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it('answers each request with an id: the caller’s when short and plain, a new UUID otherwise', async () => {
    const fresh = await t.call('GET', '/api/v1/public-config');
    expect(fresh.headers['x-request-id']).toMatch(uuid);
    const other = await t.call('GET', '/api/v1/public-config');
    expect(other.headers['x-request-id']).not.toBe(fresh.headers['x-request-id']);

    const proxied = 'f3a9c2d1e4b5a6978877665544332211';
    const kept = await t.call('GET', '/api/v1/public-config', { headers: { 'x-request-id': proxied } });
    expect(kept.headers['x-request-id']).toBe(proxied);

    for (const unsafe of ['a'.repeat(65), 'two words', 'x"}{"y', '-leading-dash', 'ünicode']) {
      const res = await t.call('GET', '/api/v1/public-config', { headers: { 'x-request-id': unsafe } });
      expect(res.headers['x-request-id']).toMatch(uuid);
    }
    // Refusals and unknown URLs carry theirs too.
    const refused = await t.call('GET', '/api/v1/me', { headers: { 'x-request-id': 'req-401' } });
    expect(refused.status).toBe(401);
    expect(refused.headers['x-request-id']).toBe('req-401');
    const missing = await t.call('GET', '/api/nothing', { headers: { 'x-request-id': 'req-404' } });
    expect(missing.status).toBe(404);
    expect(missing.headers['x-request-id']).toBe('req-404');
  });
});

describe('liveness and readiness', () => {
  it('is alive while it answers, and ready once the database, its migrations and start-up work are', async () => {
    const live = await t.call('GET', '/api/health/live');
    expect(live.status).toBe(200);
    expect(live.json).toEqual({ status: 'ok' });
    const ready = await t.call('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({
      status: 'ready',
      checks: { lifecycle: 'ok', database: 'ok', migrations: 'ok', 'stations.index': 'ok' },
    });
    // The contract's health route is unchanged.
    expect((await t.call('GET', '/api/health')).json).toEqual({ status: 'ok', db: 'ok' });
  });

  it('is not ready while start-up work is unfinished or has failed, saying which', async () => {
    const app = await startTestApp();
    try {
      let finish!: () => void;
      const warmUp = new Promise<void>((resolve) => (finish = resolve));
      app.ctx.readiness.require('test.warm_up', () => warmUp);
      app.ctx.readiness.require('test.broken', () => Promise.reject(new Error('no')));
      const waiting = await app.call('GET', '/api/health/ready');
      expect(waiting.status).toBe(503);
      expect(waiting.json.status).toBe('not_ready');
      expect(waiting.json.checks).toMatchObject({ database: 'ok', 'test.warm_up': 'pending', 'test.broken': 'failed' });
      finish();
      const still = await app.call('GET', '/api/health/ready');
      expect(still.json.checks).toMatchObject({ 'test.warm_up': 'ok', 'test.broken': 'failed' });
      expect(still.status).toBe(503);
      // Liveness does not care: restarting the process would not mend the check.
      expect((await app.call('GET', '/api/health/live')).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('is not ready when the database is unreachable, but still alive', async () => {
    const broken = await startTestApp();
    await broken.database.close();
    const ready = await broken.call('GET', '/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.json.checks).toMatchObject({ database: 'unreachable', migrations: 'unknown' });
    expect((await broken.call('GET', '/api/health/live')).status).toBe(200);
    await broken.app.close();
  });

  it('is starting until the modules have started, and shutting down from the moment the app closes', async () => {
    const starting = new Readiness();
    expect(starting.phase).toBe('starting');
    const report = await starting.report(t.ctx);
    expect(report).toEqual({ ready: false, checks: { lifecycle: 'starting', database: 'ok', migrations: 'ok' } });

    const app = await startTestApp();
    expect(app.ctx.readiness.phase).toBe('ready');
    await app.app.close();
    expect(app.ctx.readiness.phase).toBe('closing');
    const after = await app.ctx.readiness.report(app.ctx);
    expect(after.ready).toBe(false);
    expect(after.checks.lifecycle).toBe('shutting_down');
    await app.database.close();
  });

  it('is not ready on a database whose migrations have not run', async () => {
    const empty = await openDatabase({ databaseUrl: null, dataDir: null });
    try {
      const report = await new Readiness().report({ database: empty, db: empty.db });
      expect(report.checks.migrations).toBe('pending');
      expect(report.checks.database).toBe('ok');
    } finally {
      await empty.close();
    }
  });
});
