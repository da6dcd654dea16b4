import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../src/app.js';
import { bootstrap } from '../src/bootstrap.js';
import { migrateDatabase, openDatabase } from '../src/kernel/db/client.js';
import { testConfig, testPiiKey } from './config.js';

/**
 * Migrates once per run. PGlite: a migrated, bootstrapped data directory is dumped to a file that every
 * test file loads into its own in-memory instance. PostgreSQL: the shared server is migrated and bootstrapped.
 */
export default async function setup(project: TestProject): Promise<void> {
  const config = testConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: null });
  await migrateDatabase(database);
  const { app, ctx } = await buildApp({ config, database, piiKey: testPiiKey, migrate: false });
  await bootstrap(ctx);
  await app.close();
  if (database.kind === 'pglite') {
    const client = (database as unknown as { db: { $client: { dumpDataDir(c: 'none'): Promise<Blob> } } }).db.$client;
    const blob = await client.dumpDataDir('none');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'su-test-')), 'pglite.tar');
    fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    project.provide('pgliteSnapshot', file);
  } else {
    project.provide('pgliteSnapshot', '');
  }
  await database.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
  }
}
