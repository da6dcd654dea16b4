import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { addToCounters } from './counters.js';
import { RateLimiter } from './rate-limit.js';

describe('rate limiter (counted in the database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  // The PostgreSQL server keeps counters across test files and runs: names of this run only.
  const limiter = (limit: number) => new RateLimiter(t.ctx.counters, `test-${crypto.randomUUID()}`, limit, 10_000);

  it('allows the limit within the window, refuses with Retry-After beyond it, and lets a key through again once the window has slid', async () => {
    const claims = limiter(3);
    for (let i = 0; i < 3; i++) await claims.hit('m1', 1_000 + i);
    await expect(claims.hit('m1', 1_500)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      // Four hits in this window (the refused one counts): into the next window until 2 of 4 weigh on.
      headers: { 'retry-after': '14' },
    });
    await expect(claims.hit('m2', 1_500)).resolves.toBeUndefined();
    // 9.5 s later the previous window still weighs 0.9 × 4 hits: refused.
    await expect(claims.hit('m1', 11_001)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Two windows later only the refused hit of the window before weighs in.
    await expect(claims.hit('m1', 21_001)).resolves.toBeUndefined();
  });

  it('holds the limit for hits arriving at once (one statement per turn, counted in order)', async () => {
    const claims = limiter(5);
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => claims.hit('burst', 50_000)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(7);
  });

  it('answers rows of the shape its statement declares', async () => {
    const rows = await t.ctx.db.execute(
      addToCounters([{ key: `shape-${crypto.randomUUID()}`, period: 1, add: 2, expiresAt: new Date(86_400_000) }]),
    );
    for (const row of (rows as unknown as { rows: unknown[] }).rows) expect(addToCounters.row.parse(row)).toBeTruthy();
  });
});
