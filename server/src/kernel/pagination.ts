import { z } from 'zod';
import { AppError } from './errors.js';

/** `?limit=` (default 20, max 100) and `?cursor=` as API.md "Lists" fixes them. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export function encodeCursor(values: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, shape: T): z.infer<T> | null {
  if (!cursor) return null;
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'cursor', code: 'invalid', message: 'invalid cursor' }],
    });
  }
}

/** Fetch limit + 1 rows; the extra row says whether there is a next page. */
export function paginate<R, C extends Record<string, string | number>>(
  rows: R[],
  limit: number,
  cursorOf: (row: R) => C,
) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

/**
 * Every page of a cursor list, first to last (an export of all a list's filter finds): `load` answers the page after
 * `cursor` (undefined: the first), `each` turns an item into what is kept, page by page, so no more than one page
 * of items is held at a time.
 */
export async function everyPage<T, R>(
  load: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  each: (item: T) => R,
): Promise<R[]> {
  const kept: R[] = [];
  let cursor: string | undefined;
  do {
    const page = await load(cursor);
    for (const item of page.items) kept.push(each(item));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return kept;
}
