import { AppError } from './errors.js';

/**
 * A sliding-window counter per key, in this process's memory: enough to stop a script hammering one
 * endpoint from one member or address (a multi-process deployment would move it to the database).
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a hit for `key`; throws 429 RATE_LIMITED with Retry-After when over the limit. */
  hit(key: string, now = Date.now()): void {
    const since = now - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length >= this.limit) {
      const retryAfter = Math.max(1, Math.ceil((list[0]! + this.windowMs - now) / 1000));
      this.hits.set(key, list);
      throw new AppError('RATE_LIMITED', { retryAfterSeconds: retryAfter }, { 'retry-after': String(retryAfter) });
    }
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 100_000) this.prune(since);
  }

  private prune(since: number): void {
    for (const [k, list] of this.hits) if (list.every((t) => t <= since)) this.hits.delete(k);
  }
}
