import type { Database } from '../src/kernel/db/client.js';

/**
 * Counts the statements the database client runs while `work` runs (both drivers: the PGlite instance
 * and the node-postgres pool expose `query`, which Drizzle calls once per statement). For N+1 tests:
 * a list of N items must cost as many statements as a list of one.
 */
export async function countQueries(database: Database, work: () => Promise<unknown>): Promise<number> {
  const client = (database.db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
  const original = client.query;
  let n = 0;
  client.query = function (this: unknown, ...args: unknown[]) {
    n += 1;
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    client.query = original;
  }
  return n;
}
