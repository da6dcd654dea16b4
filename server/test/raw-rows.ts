import { expect } from 'vitest';
import type { z } from 'zod';
import { queryRows, type Db } from '../src/kernel/db/client.js';
import type { RawStatement } from '../src/kernel/db/raw.js';

/**
 * Runs a raw statement on the test database and parses every row with the statement's schema (strict: a
 * missing, renamed or extra column fails). At least one row, so the check is not vacuous.
 */
export async function expectRawRows<Args extends unknown[], Row extends z.ZodType>(
  db: Db,
  statement: RawStatement<Args, Row>,
  ...args: Args
): Promise<z.infer<Row>[]> {
  const rows = await queryRows<unknown>(db, statement(...args));
  expect(rows.length).toBeGreaterThan(0);
  return rows.map((row) => statement.row.parse(row));
}
