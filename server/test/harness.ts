import fs from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import type { Clock } from '../src/kernel/clock.js';
import type { Config } from '../src/kernel/config.js';
import type { AppContext } from '../src/kernel/context.js';
import { openDatabase, type Database } from '../src/kernel/db/client.js';
import type { LogDestination } from '../src/kernel/request-log.js';
import { createConsoleSmsProvider, type SmsProvider } from '../src/kernel/sms.js';
import { testAdminPassword, testConfig, testPiiKey } from './config.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  close(): Promise<void>;
  /** JSON request helper: token → bearer header; returns the response with `json` parsed. */
  call(
    method: InjectOptions['method'],
    url: string,
    opts?: { token?: string | null; body?: unknown; headers?: Record<string, string>; remoteAddress?: string },
  ): Promise<Reply>;
}

export interface Reply {
  status: number;
  json: any;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

/**
 * A server on its own database: PGlite loaded from the migrated snapshot, or the shared PostgreSQL. `clock` sets the
 * time the app reads; `database` builds a second app over another app's database (closed by its owner, not here);
 * `sms` replaces the console provider (a real provider's adapter pointed at test/fake-sms-providers.ts);
 * `logDestination` receives the app's JSON log lines (at the config's `logLevel`, set through `overrides`).
 */
export async function startTestApp(
  overrides: Partial<Config> = {},
  options: {
    clock?: Clock;
    database?: Database;
    sms?: SmsProvider;
    logDestination?: LogDestination;
    dataDir?: string;
  } = {},
): Promise<TestApp> {
  // `dataDir`: a server as `npm start` runs one, its embedded database and uploads in that directory (migrated, not
  // bootstrapped); the app opens and closes the database itself.
  const config = options.dataDir
    ? testConfig({
        dataDir: options.dataDir,
        databaseUrl: null,
        storage: { kind: 'local', dir: `${options.dataDir}/uploads` },
        ...overrides,
      })
    : testConfig(overrides);
  const snapshot = inject('pgliteSnapshot');
  const database = options.dataDir
    ? undefined
    : (options.database ??
      (await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: null,
        loadDataDir: snapshot ? new Blob([fs.readFileSync(snapshot)]) : undefined,
      })));
  const clock = options.clock;
  const { app, ctx } = await buildApp({
    config,
    ...(database ? { database } : {}),
    piiKey: testPiiKey,
    migrate: database === undefined,
    sms: options.sms ?? createConsoleSmsProvider(() => undefined, clock),
    ...(clock ? { clock } : {}),
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
  });
  await app.ready();
  return {
    app,
    ctx,
    database: ctx.database,
    async close() {
      await app.close();
      if (database && !options.database) await database.close();
      if (config.storage.kind === 'local' && !options.dataDir)
        await fs.promises.rm(config.storage.dir, { recursive: true, force: true });
    },
    async call(method, url, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      const res = await app.inject({
        method,
        url,
        headers,
        ...(opts.body !== undefined ? { payload: opts.body as InjectOptions['payload'] } : {}),
        ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
      });
      let json: unknown = null;
      if ((res.headers['content-type'] ?? '').toString().includes('json') && res.body) json = res.json();
      return { status: res.statusCode, json, headers: res.headers, raw: res };
    },
  };
}

export { testAdminPassword };
