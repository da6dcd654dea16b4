import type { RateCounters } from './counters.js';
import { AppError } from './errors.js';

/**
 * At most `limit` hits per key in any `windowMs`, counted in the database or Redis (kernel/counters.ts) so that every
 * server process enforces the same limit: enough to stop a script hammering one endpoint from one member or
 * address. A sliding window estimated from two fixed ones (this window's count, plus the previous one's weighted
 * by how much of it still overlaps), which needs two counters per key instead of a log of every hit. Refused hits
 * count too: a client that keeps hammering stays refused.
 */
export class RateLimiter {
  constructor(
    private readonly counters: RateCounters,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a hit for `key` at `now` (ms, `ctx.clock`); 429 RATE_LIMITED with Retry-After when over the limit. */
  async hit(key: string, now: number): Promise<void> {
    const period = Math.floor(now / this.windowMs);
    const { current, previous } = await this.counters.add(
      `${this.name}:${key}`,
      period,
      1,
      new Date((period + 2) * this.windowMs),
    );
    const elapsed = (now - period * this.windowMs) / this.windowMs;
    if (previous * (1 - elapsed) + current <= this.limit) return;
    const retryAfter = Math.max(1, Math.ceil(this.waitMs(current, previous, elapsed) / 1000));
    throw new AppError('RATE_LIMITED', { retryAfterSeconds: retryAfter }, { 'retry-after': String(retryAfter) });
  }

  /** How long until one more hit would be allowed, if nothing else is counted meanwhile. */
  private waitMs(current: number, previous: number, elapsed: number): number {
    const room = this.limit - 1;
    if (current <= room) {
      // Wait for enough of the previous window to slide out.
      const until = previous > 0 ? 1 - (room - current) / previous : elapsed;
      return Math.max(0, until - elapsed) * this.windowMs;
    }
    // This window alone is full: into the next one, until this one's weight has fallen far enough.
    return (1 - elapsed + Math.max(0, 1 - room / current)) * this.windowMs;
  }
}
