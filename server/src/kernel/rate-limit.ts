import { AppError } from './errors.js';

/**
 * A sliding-window counter per key, in this process's memory: enough to stop a script hammering one
 * endpoint from one member or address (a multi-process deployment would move it to the database).
 */
export class RateLimiter {
  /** Per key, hit times in order; those before `head` have left the window. */
  private readonly hits = new Map<string, { times: number[]; head: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a hit for `key` at `now` (ms, `ctx.clock`); throws 429 RATE_LIMITED with Retry-After when over the limit. */
  hit(key: string, now: number): void {
    const since = now - this.windowMs;
    let entry = this.hits.get(key);
    if (!entry) {
      entry = { times: [], head: 0 };
      this.hits.set(key, entry);
    }
    // Amortised O(1): each hit leaves the window once.
    while (entry.head < entry.times.length && entry.times[entry.head]! <= since) entry.head++;
    if (entry.head > 64 && entry.head * 2 > entry.times.length) {
      entry.times = entry.times.slice(entry.head);
      entry.head = 0;
    }
    if (entry.times.length - entry.head >= this.limit) {
      const retryAfter = Math.max(1, Math.ceil((entry.times[entry.head]! + this.windowMs - now) / 1000));
      throw new AppError('RATE_LIMITED', { retryAfterSeconds: retryAfter }, { 'retry-after': String(retryAfter) });
    }
    entry.times.push(now);
    if (this.hits.size > 100_000) this.prune(since);
  }

  private prune(since: number): void {
    for (const [k, entry] of this.hits) if ((entry.times[entry.times.length - 1] ?? 0) <= since) this.hits.delete(k);
  }
}
