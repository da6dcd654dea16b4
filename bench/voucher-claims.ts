/**
 * Flash redemption at the gate: 2,000 members claim a campaign of 500 at the same moment, against
 * the real PostgreSQL server. Checks that exactly 500 are issued, reports claims/s and p99, and,
 * in the same run on the same server, the rate pgbench reaches on the single-row
 * `UPDATE … SET remaining = remaining - 1 WHERE remaining > 0` that every claim ultimately contends on.
 *
 *   DATABASE_URL=postgres://… npm run bench:claims
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../server/src/app.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { createSession } from '../server/src/kernel/auth.js';
import { loadConfig } from '../server/src/kernel/config.js';
import { queryRows, sql } from '../server/src/kernel/db/client.js';
import { workerAccounts } from '../server/src/kernel/db/kernel.tables.js';
import { maskPhone } from '../server/src/kernel/pii.js';
import { members, memberSecrets } from '../server/src/modules/members/index.js';
import { scratchDatabaseUrl } from '../server/test/scratch-database.js';

if (!process.env.DATABASE_URL) {
  console.error('bench:claims runs against a real PostgreSQL server: set DATABASE_URL');
  process.exit(2);
}
const memberCount = Number(process.env.MEMBERS ?? 2000);
const quantity = Number(process.env.QUANTITY ?? 500);
const databaseUrl = await scratchDatabaseUrl(process.env.DATABASE_URL, 'claims');
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  ADMIN_PASSWORD: 'bench-admin-pass',
  PII_KEY: crypto.randomBytes(32).toString('hex'),
  CLAIM_LIMIT_PER_ADDRESS: String(memberCount * 10),
  WEB_DIR: '',
  LOG_LEVEL: 'error',
};

// Set-up in this process: a union, its members (each signed in), and the campaign.
const { app, ctx } = await buildApp({ config: loadConfig(env) });
await bootstrap(ctx);
const admin = (await app.inject({ method: 'POST', url: '/api/v1/auth/staff-login', payload: { username: 'admin', password: 'bench-admin-pass' } })).json();
const union = (
  await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: { authorization: `Bearer ${admin.token}` },
    payload: { parentId: admin.staff.org.id, name: '压测基层工会', kind: 'grassroots' },
  })
).json();
const tokens: string[] = [];
for (let i = 0; i < memberCount; i += 500) {
  const batch = Array.from({ length: Math.min(500, memberCount - i) }, (_, j) => `136${String(i + j).padStart(8, '0')}`);
  await ctx.db.insert(members).values(batch.map((phone, j) => ({ orgId: union.id, name: `职工${i + j}`, ...memberSecrets(ctx, phone, undefined) })));
  const accounts = await ctx.db
    .insert(workerAccounts)
    .values(batch.map((phone) => ({ phoneHash: ctx.pii.blindIndex('phone', phone), phoneEnc: ctx.pii.encrypt(phone), phoneMasked: maskPhone(phone) })))
    .returning({ id: workerAccounts.id });
  for (const a of accounts) tokens.push(await createSession(ctx.db, 'worker', a.id, ctx.config));
}
const campaign = (
  await app.inject({
    method: 'POST',
    url: '/api/v1/voucher-campaigns',
    headers: { authorization: `Bearer ${admin.token}` },
    payload: {
      orgId: union.id,
      title: '压测券',
      quantity,
      perMemberLimit: 1,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
    },
  })
).json();
await app.close();

function start(): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--import', 'tsx', 'bench/serve.ts'],
      {
        env: { ...env, BENCH_TARGET: 'app' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /listening (\d+)/.exec(chunk.toString());
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

const server = await start();
let next = 0;
const started = performance.now();
const result = await autocannon({
  url: `http://127.0.0.1:${server.port}`,
  connections: memberCount,
  amount: memberCount,
  timeout: 60,
  requests: [
    {
      method: 'POST',
      path: `/api/v1/voucher-campaigns/${campaign.id}/claims`,
      setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` } }),
    },
  ],
});
const seconds = (performance.now() - started) / 1000;
const serverLatency = (await (await fetch(`http://127.0.0.1:${server.port}/__bench/latency`)).json()) as { p50: number; p99: number };
server.child.kill();

const { openDatabase } = await import('../server/src/kernel/db/client.js');
const database = await openDatabase({ databaseUrl, dataDir: null });
const [issued] = await queryRows<{ n: number; remaining: number }>(
  database.db,
  sql`select (select count(*)::int from vouchers where campaign_id = ${campaign.id}) as n, (select remaining from voucher_campaigns where id = ${campaign.id}) as remaining`,
);
await database.db.execute(sql`create table if not exists bench_stock (id int primary key, remaining bigint not null)`);
await database.db.execute(sql`insert into bench_stock values (1, 1000000000) on conflict (id) do update set remaining = 1000000000`);
await database.close();

// The single-row baseline on the same server, same machine, same run.
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
const out = execFileSync(pgbench, ['-n', '-c', '16', '-j', '2', '-T', '10', '-f', script, databaseUrl], { encoding: 'utf8' });
const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? 0);

const claimsPerSecond = memberCount / seconds;
console.log(
  JSON.stringify(
    {
      members: memberCount,
      quantity,
      issued: issued?.n,
      remaining: issued?.remaining,
      responses: { '2xx': result['2xx'], non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts },
      seconds: Number(seconds.toFixed(2)),
      claimsPerSecond: Math.round(claimsPerSecond),
      clientP99Ms: result.latency.p99,
      serverP50Ms: Number(serverLatency.p50.toFixed(1)),
      serverP99Ms: Number(serverLatency.p99.toFixed(1)),
      pgbenchSingleRowTps: Math.round(tps),
      ratioToSingleRow: Number((claimsPerSecond / tps).toFixed(3)),
      node: process.version,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    },
    null,
    2,
  ),
);
if (issued?.n !== quantity || issued?.remaining !== 0) {
  console.error('OVERSOLD or UNDERSOLD');
  process.exit(1);
}
