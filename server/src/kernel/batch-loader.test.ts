import { describe, expect, it } from 'vitest';
import { BatchLoader } from './batch-loader.js';

describe('BatchLoader', () => {
  it('answers the lookups of one event-loop turn with one call, each key once', async () => {
    const calls: string[][] = [];
    const loader = new BatchLoader(async (keys: string[]) => {
      calls.push(keys);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]));
    });
    const answers = await Promise.all(['a', 'b', 'a', 'missing'].map((k) => loader.load(k)));
    expect(answers).toEqual(['A', 'B', 'A', undefined]);
    expect(calls).toEqual([['a', 'b', 'missing']]);
    // A later turn is a new batch: nothing is cached.
    expect(await loader.load('a')).toBe('A');
    expect(calls).toHaveLength(2);
  });

  it('splits large turns and passes a failure to every waiting lookup of its slice', async () => {
    const sizes: number[] = [];
    const loader = new BatchLoader(async (keys: number[]) => {
      sizes.push(keys.length);
      if (keys.includes(7)) throw new Error('database down');
      return new Map(keys.map((k) => [k, k * 2]));
    }, 5);
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => loader.load(i)));
    expect(sizes).toEqual([5, 5, 2]);
    expect(results.map((r) => r.status)).toEqual([
      ...Array(5).fill('fulfilled'),
      ...Array(5).fill('rejected'),
      'fulfilled',
      'fulfilled',
    ]);
    expect(results[11]).toEqual({ status: 'fulfilled', value: 22 });
  });
});
