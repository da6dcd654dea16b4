import type { SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows, type Db } from './client.js';

/**
 * A raw SQL statement (for what the query builder cannot say: KNN, batch upserts from arrays, locks) with the
 * zod schema of its rows. The TypeScript row type is inferred from that schema, and the module's repository
 * test runs the statement on a migrated database and parses every row with it, so a renamed column or alias
 * fails a test instead of production.
 */
export interface RawStatement<Args extends unknown[], Row extends z.ZodType> {
  (...args: Args): SQL;
  row: Row;
}

export function rawStatement<Args extends unknown[], Row extends z.ZodType>(
  row: Row,
  build: (...args: Args) => SQL,
): RawStatement<Args, Row> {
  return Object.assign((...args: Args) => build(...args), { row });
}

export type RowOf<S extends { row: z.ZodType }> = z.infer<S['row']>;

/** Runs a raw statement; its rows are typed by the statement's schema (checked by tests, not at run time). */
export function runRaw<Args extends unknown[], Row extends z.ZodType>(
  db: Db,
  statement: RawStatement<Args, Row>,
  ...args: Args
): Promise<z.infer<Row>[]> {
  return queryRows<z.infer<Row>>(db, statement(...args));
}
