import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { sql, type SQL } from 'drizzle-orm';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

/** Both drivers (embedded PGlite and node-postgres) behind one query-builder type. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded database's directory; null in memory (tests) and for PostgreSQL. */
  dataDir: string | null;
  close(): Promise<void>;
  ping(): Promise<void>;
  /**
   * Runs a hot query as a named prepared statement, so PostgreSQL plans it once per connection
   * instead of on every call (planning can cost more than running a KNN lookup).
   */
  prepared<T>(name: string, query: SQL): Promise<T[]>;
  /**
   * Runs `work` while holding a lock named `name` that every process on this database shares (a PostgreSQL
   * session advisory lock on a connection of its own): start-up work — migrations, the first administrator —
   * done once when several server processes start at the same moment. The embedded database has one process.
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  /**
   * Receives the notifications of `channel` (`pg_notify`, delivered when the sending transaction commits) on a
   * connection of its own. When that connection is lost it is opened again, and `onReconnect` runs: whatever
   * was sent meanwhile was missed. Answers a function that stops listening.
   */
  listen(channel: string, onMessage: (payload: string) => void, onReconnect: () => void): Promise<() => Promise<void>>;
  /** The connection pool's use now (node-postgres), for the metrics; absent for the embedded database. */
  poolUse?(): PoolUse;
  /**
   * Embedded database only (a backup): runs `read` while every other query waits, checkpoints, and dumps the data
   * directory (gzipped tar) in that same state, so the dump and what `read` saw agree.
   */
  snapshot?<T>(read: (query: <R>(text: string) => Promise<R[]>) => Promise<T>): Promise<{ read: T; dump: Blob }>;
}

export interface PoolUse {
  /** Connections open, idle among them, and requests waiting for one. */
  total: number;
  idle: number;
  waiting: number;
}

/**
 * LISTEN on a dedicated node-postgres client, opened again after a lost connection (1 s, doubling to 30 s).
 */
async function listenOnServer(
  connectionString: string,
  channel: string,
  onMessage: (payload: string) => void,
  onReconnect: () => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retryMs = 1000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const open = async () => {
    // Keepalive: a connection left half-open by a network failure is found dead, instead of silently hearing nothing.
    const next = new pg.Client({ connectionString, keepAlive: true });
    next.on('notification', (message) => {
      if (message.channel === channel) onMessage(message.payload ?? '');
    });
    const lost = () => {
      if (stopped || client !== next) return;
      client = null;
      void next.end().catch(() => undefined);
      timer = setTimeout(reopen, retryMs);
      retryMs = Math.min(retryMs * 2, 30_000);
    };
    next.on('error', lost);
    next.on('end', lost);
    try {
      await next.connect();
      await next.query(`listen "${channel.replace(/"/g, '""')}"`);
    } catch (error) {
      // Not listening (e.g. a standby during a failover): this connection goes, the next attempt opens another.
      await next.end().catch(() => undefined);
      throw error;
    }
    client = next;
    retryMs = 1000;
  };
  const reopen = () => {
    timer = null;
    if (stopped) return;
    open().then(onReconnect, () => {
      timer = setTimeout(reopen, retryMs);
      retryMs = Math.min(retryMs * 2, 30_000);
    });
  };
  await open();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await client?.end().catch(() => undefined);
  };
}

const dialect = new PgDialect();

/**
 * server/migrations from the sources (kernel/db/), or the copy beside the compiled server (dist/server/migrations,
 * from dist/server/main.js or dist/server/cli/*.js).
 */
export const migrationsFolder = [
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations'),
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations'),
].find((dir) => fs.existsSync(path.join(dir, 'meta', '_journal.json')))!;

export interface OpenOptions {
  databaseUrl: string | null;
  /** Directory of the embedded database; null → in memory (tests). */
  dataDir: string | null;
  /** Pre-built PGlite data directory (tests start from a migrated snapshot). */
  loadDataDir?: Blob;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // Clients fail when the server goes away (a restart, a failover): idle ones through the pool, checked-out ones
    // (a transaction, the start-up lock) on their own. Never an uncaught error: the query under way fails (its
    // request answers 5xx), /api/health says so, and the pool opens new connections once the server is back.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = drizzleNodePg(pool) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      dataDir: null,
      close: () => pool.end(),
      ping: async () => {
        await pool.query('select 1');
      },
      prepared: async <T>(name: string, query: SQL) => {
        const compiled = dialect.sqlToQuery(query);
        const result = await pool.query({ name, text: compiled.sql, values: compiled.params as unknown[] });
        return result.rows as T[];
      },
      listen: (channel, onMessage, onReconnect) =>
        listenOnServer(options.databaseUrl!, channel, onMessage, onReconnect),
      exclusive: async <T>(name: string, work: () => Promise<T>) => {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          await client.query('select pg_advisory_lock(hashtext($1))', [`smart-union:${name}`]);
          try {
            return await work();
          } finally {
            // A failed unlock (the connection lost) must not hide the work's own error; the lock went with it.
            await client.query('select pg_advisory_unlock(hashtext($1))', [`smart-union:${name}`]).catch((e: Error) => {
              broken = e;
            });
          }
        } finally {
          // A connection whose unlock failed is discarded, not reused.
          client.release(broken);
        }
      },
      poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    };
  }
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: options.dataDir ?? undefined,
    loadDataDir: options.loadDataDir,
    extensions: { ltree, cube, earthdistance, pg_trgm, pgcrypto, btree_gist },
  });
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    dataDir: options.dataDir,
    close: () => client.close(),
    ping: async () => {
      await client.query('select 1');
    },
    prepared: async <T>(_name: string, query: SQL) => {
      const compiled = dialect.sqlToQuery(query);
      return (await client.query<T>(compiled.sql, compiled.params as unknown[])).rows;
    },
    exclusive: (_name, work) => work(),
    listen: async (channel, onMessage) => {
      const stop = await client.listen(channel, onMessage);
      return () => stop();
    },
    // PGlite runs one query at a time, and a transaction holds every other query back until it ends: the dump taken
    // inside one is between queries and between transactions, like a snapshot of a stopped server.
    snapshot: (read) =>
      client.transaction(async (tx) => {
        const result = await read(async <R>(text: string) => (await tx.query<R>(text)).rows);
        await tx.exec('checkpoint');
        return { read: result, dump: await client.dumpDataDir('gzip') };
      }),
  };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    await migrateNodePg(database.db as unknown as Parameters<typeof migrateNodePg>[0], { migrationsFolder });
  } else {
    await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder });
  }
}

/** Raw SQL returning rows, for the queries the builder cannot express (ltree, KNN, locks). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export { sql };

/**
 * A PostgreSQL array literal for one parameter (`= any(${pgArray(ids)}::uuid[])`): one statement
 * text whatever the length, where a spread list would make a new statement per length.
 */
export function pgArray(values: readonly (string | number | null)[]): string {
  const item = (v: string | number | null) =>
    v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return `{${values.map(item).join(',')}}`;
}

/** A unique constraint refused the write (drivers wrap the PostgreSQL error differently). */
/**
 * Runs a batch's transaction again (up to three tries) when PostgreSQL aborted it for a deadlock between processes or a
 * serialisation failure; any other error, or the third, is thrown.
 */
export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const e = error as { code?: string; cause?: { code?: string } };
      const code = e.code ?? e.cause?.code;
      if (attempt >= 2 || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e.code === '23505' || e.cause?.code === '23505';
}
