import { describe, expect, it } from 'vitest';
import { decodeCursor, everyPage, paginate } from './pagination.js';
import { z } from 'zod';

/** A list of `n` numbers served as the API serves lists: `limit` at a time behind a keyset cursor. */
function listOf(n: number, limit: number) {
  const all = Array.from({ length: n }, (_, i) => i + 1);
  const asked: (string | undefined)[] = [];
  const load = async (cursor: string | undefined) => {
    asked.push(cursor);
    const after = decodeCursor(cursor, z.object({ after: z.number() }))?.after ?? 0;
    return paginate(all.filter((x) => x > after).slice(0, limit + 1), limit, (x) => ({ after: x }));
  };
  return { load, asked };
}

describe('everyPage', () => {
  it('follows the cursor to the last page, keeping what `each` makes of every item in order', async () => {
    const list = listOf(7, 3);
    expect(await everyPage(list.load, (x) => `#${x}`)).toEqual(['#1', '#2', '#3', '#4', '#5', '#6', '#7']);
    // Three pages: the first without a cursor, then each page's nextCursor; none after the last.
    expect(list.asked).toHaveLength(3);
    expect(list.asked[0]).toBeUndefined();
  });

  it('asks once for a list that fits on one page, and once for an empty one', async () => {
    const full = listOf(3, 3);
    expect(await everyPage(full.load, (x) => x * 10)).toEqual([10, 20, 30]);
    expect(full.asked).toHaveLength(1);
    const empty = listOf(0, 3);
    expect(await everyPage(empty.load, (x) => x)).toEqual([]);
    expect(empty.asked).toHaveLength(1);
  });
});
