import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('rate limiter', () => {
  it('allows the limit within the window, refuses with Retry-After beyond it, and forgets old hits', () => {
    const limiter = new RateLimiter(3, 10_000);
    for (let i = 0; i < 3; i++) limiter.hit('m1', 1_000 + i);
    expect(() => limiter.hit('m1', 1_500)).toThrow(
      expect.objectContaining({ code: 'RATE_LIMITED', headers: { 'retry-after': '10' } }),
    );
    expect(() => limiter.hit('m2', 1_500)).not.toThrow();
    expect(() => limiter.hit('m1', 11_001)).not.toThrow();
  });
});
