import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, queryRows, sql, type Db } from '../server/src/kernel/db/client.js';

/**
 * The baseline the flash benchmarks are measured against, on the same server in the same run: pgbench, 16 clients,
 * 10 s, on the single-row `UPDATE … remaining = remaining - 1 WHERE id = 1 AND remaining > 0` — the rate one hot row
 * allows. Also says how durable the server was (fsync, synchronous_commit). `db` is closed by the caller.
 */
export async function singleRowBaseline(db: Db, databaseUrl: string): Promise<{ tps: number; durability: string }> {
  const [settings] = await queryRows<{ fsync: string; synchronousCommit: string }>(
    db,
    sql`select current_setting('fsync') as fsync, current_setting('synchronous_commit') as "synchronousCommit"`,
  );
  const durability = `fsync=${settings?.fsync}, synchronous_commit=${settings?.synchronousCommit}`;
  await db.execute(sql`create table if not exists bench_stock (id int primary key, remaining bigint not null)`);
  await db.execute(
    sql`insert into bench_stock values (1, 1000000000) on conflict (id) do update set remaining = 1000000000`,
  );
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'su-pgbench-')), 'claim.sql');
  fs.writeFileSync(script, 'UPDATE bench_stock SET remaining = remaining - 1 WHERE id = 1 AND remaining > 0;\n');
  const pgbench = path.join(
    fs
      .readdirSync('/usr/lib/postgresql')
      .sort()
      .reverse()
      .map((v) => `/usr/lib/postgresql/${v}/bin`)[0]!,
    'pgbench',
  );
  const out = execFileSync(pgbench, ['-n', '-c', '16', '-j', '2', '-T', '10', '-f', script, databaseUrl], {
    encoding: 'utf8',
  });
  return { tps: Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? 0), durability };
}

/**
 * After a flash benchmark, on its database: `check` (the counts it must find), then the single-row baseline; one
 * connection pool, closed at the end. Answers both.
 */
export async function checkThenBaseline<T>(
  databaseUrl: string,
  check: (db: Db) => Promise<T>,
): Promise<[checked: T, baseline: { tps: number; durability: string }]> {
  const database = await openDatabase({ databaseUrl, dataDir: null });
  try {
    const checked = await check(database.db);
    // The single-row baseline on the same server, same machine, same run.
    return [checked, await singleRowBaseline(database.db, databaseUrl)];
  } finally {
    await database.close();
  }
}
