import { ilike, sql, type AnyColumn, type SQL, type SQLWrapper } from 'drizzle-orm';
import { pgArray } from './client.js';

/**
 * Operators the query builder lacks, for use inside builder queries (`.where(within(orgs.path, scope))`):
 * the row types still come from the schema, only the condition is written by hand.
 */

/** `path <@ scope`: the org at `path` is `scope` or below it (ltree). */
export function within(path: AnyColumn | SQLWrapper, scope: string): SQL {
  return sql`${path} <@ ${scope}::ltree`;
}

/** `path @> descendant`: the org at `path` is `descendant` or above it (ltree). */
export function containing(path: AnyColumn | SQLWrapper, descendant: string): SQL {
  return sql`${path} @> ${descendant}::ltree`;
}

/** Case-insensitive substring match, with LIKE's wildcards in `text` taken literally. */
export function containsText(column: AnyColumn | SQLWrapper, text: string): SQL {
  return ilike(column as AnyColumn, `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/** Keyset pagination, newest first: `(time, id) < (afterTime, afterId)` (the cursor's time and id). */
export function before(time: AnyColumn, id: AnyColumn, afterTime: string, afterId: string): SQL {
  return sql`(${time}, ${id}) < (${afterTime}::timestamptz, ${afterId}::uuid)`;
}

/** Keyset pagination by name: `(name, id) > (after.name, after.id)`. */
export function afterName(name: AnyColumn | SQLWrapper, id: AnyColumn, after: { name: string; id: string }): SQL {
  return sql`(${name}, ${id}) > (${after.name}, ${after.id}::uuid)`;
}

/**
 * `column = any($1::type[])`: one statement text whatever the number of values (where `inArray` makes a new
 * statement per length), for the hot paths whose statements PostgreSQL should plan once.
 */
export function anyOf(column: AnyColumn, values: readonly string[], type: 'uuid' | 'text'): SQL {
  return sql`${column} = any(${pgArray(values)}::${sql.raw(type)}[])`;
}

/**
 * A one-number subquery (or aggregate expression) as a column, `(select … from … where …)`, built with the
 * query builder: a count or an aggregate per row of a list. PostgreSQL evaluates such a column after
 * `order by … limit`, so only for the rows of the page (a lateral join would run it for every row before
 * the sort). Numbers the driver hands over as text (bigint, numeric) become numbers; null stays null.
 */
export function scalarNumber<T extends number | null = number | null>(subquery: SQLWrapper): SQL<T> {
  return sql<T>`(${subquery})`.mapWith((v: unknown) => (v === null ? null : Number(v)) as T);
}
