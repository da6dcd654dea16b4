import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { campaignOpeningTomorrow, freshWorld, memberOfWorld } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { redisAvailable, startRedis } from '../../test/redis.js';
import { RedisCounters, type RateCounters } from './counters.js';

/** The same contract from both stores the rate limits can count with. */
describe('rate counters', () => {
  let t: TestApp;
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null;
  const stores: Record<string, () => RateCounters> = {};
  beforeAll(async () => {
    t = await startTestApp();
    stores.postgresql = () => t.ctx.counters;
    if (redisAvailable) {
      redis = await startRedis();
      stores.redis = () => new RedisCounters(redis!.url);
    }
  });
  afterAll(async () => {
    await t.close();
    await redis?.close();
  });
  const later = new Date(Date.now() + 3_600_000);

  for (const name of ['postgresql', ...(redisAvailable ? ['redis'] : [])]) {
    it(`${name}: counts adds made at once exactly, each seeing its own count, and reports the period before`, async () => {
      const counters = stores[name]!();
      const key = `contract-${crypto.randomUUID()}`;
      await counters.add(key, 41, 3, later);
      const seen = await Promise.all(Array.from({ length: 12 }, () => counters.add(key, 42, 1, later)));
      expect(seen.map((c) => c.current).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(new Set(seen.map((c) => c.previous))).toEqual(new Set([3]));
      expect(await counters.add(key, 42, 0, later)).toEqual({ current: 12, previous: 3 });
      if (counters !== t.ctx.counters) await counters.close();
    });
  }

  it('postgresql: turns adding to the same keys in opposite orders, on several connections, neither deadlock nor miscount', async () => {
    // PostgreSQL: another pool on the same database; PGlite: the same database (one connection).
    const other = await startTestApp({}, process.env.DATABASE_URL ? {} : { database: t.database });
    try {
      const keys = Array.from({ length: 6 }, () => `order-${crypto.randomUUID()}`);
      const turns = Array.from({ length: 24 }, (_, i) => (i % 2 ? [...keys].reverse() : keys));
      await Promise.all(
        turns.map(async (order, i) => {
          // A turn of its own for each: separate statements, each on whichever pool connection is free.
          await new Promise((resolve) => setTimeout(resolve, i % 4));
          const counters = i % 3 ? t.ctx.counters : other.ctx.counters;
          await Promise.all(order.map((key) => counters.add(key, 1, 1, later)));
        }),
      );
      for (const key of keys) expect((await t.ctx.counters.add(key, 1, 0, later)).current).toBe(24);
    } finally {
      await other.close();
    }
  });

  it.runIf(redisAvailable)('redis: two server processes’ clients add to the same count', async () => {
    const [a, b] = [new RedisCounters(redis!.url), new RedisCounters(redis!.url)];
    const key = `shared-${crypto.randomUUID()}`;
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).add(key, 7, 1, later)));
    expect((await a.add(key, 7, 0, later)).current).toBe(20);
    await Promise.all([a.close(), b.close()]);
  });

  it.runIf(redisAvailable)('with REDIS_URL, a member’s claims are limited by counts kept in Redis', async () => {
    const app = await startTestApp({ redisUrl: redis!.url }, { database: t.database });
    const keys = new Redis(redis!.url);
    try {
      expect(app.ctx.rateCounters).toBeInstanceOf(RedisCounters);
      expect((await app.call('GET', '/api/health/ready')).json.checks).toMatchObject({ redis: 'ok' });
      const w = await freshWorld(app);
      const token = await memberOfWorld(app, w);
      const url = await campaignOpeningTomorrow(app, w);
      const claim = () => app.call('POST', url, { token });
      for (let i = 0; i < 10; i++) expect((await claim()).json.error.code).toBe('CAMPAIGN_NOT_OPEN');
      expect((await claim()).status).toBe(429);
      // This file's Redis counts nothing else of claims: the member's key is the only one.
      const counted = await keys.keys('smart-union:rate:claims_per_member:*');
      expect(counted.length).toBeGreaterThan(0);
      expect((await Promise.all(counted.map((k) => keys.get(k)))).map(Number).reduce((a, b) => a + b, 0)).toBe(11);
    } finally {
      keys.disconnect();
      await app.close();
    }
  });
});
