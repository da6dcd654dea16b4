/**
 * A congress vote (职代会表决): REPRESENTATIVES (2,000) representatives of one congress, each with their member app
 * already connected (keep-alive, warmed with a request), all press their choice within the same second: each sends one
 * POST of a ballot, all written at once. Against the real PostgreSQL server. The measure is ballots counted per
 * second (the 201s, up to the last answer) against the rate pgbench reaches, in the same run on the same server, on
 * the single-row `UPDATE … SET remaining = remaining - 1` (the bench:claims baseline). Server-side p99 latency is
 * reported (target < 200 ms). Every answer is checked: exactly REPRESENTATIVES 201s; then the same wave again, every
 * answer 409 ALREADY_VOTED; the result (staff's GET …/result) has voted = REPRESENTATIVES, and the database exactly
 * REPRESENTATIVES ballots for the motion.
 * WARMUP warm-up votes first (1: a server that has just started runs its code unoptimised), then ROUNDS votes (3),
 * each on its own motion; the median round by ballots/s is reported.
 *
 *   DATABASE_URL=$(PG_DURABLE=1 .ci/start-postgres.sh) npm run bench:votes
 */
import crypto from 'node:crypto';
import os from 'node:os';
import net from 'node:net';
import { buildApp } from '../server/src/app.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { createSession } from '../server/src/kernel/auth.js';
import { loadConfig } from '../server/src/kernel/config.js';
import { queryRows, sql } from '../server/src/kernel/db/client.js';
import { workerAccounts } from '../server/src/kernel/db/kernel.tables.js';
import { maskPhone } from '../server/src/kernel/pii.js';
import { members, memberSecrets } from '../server/src/modules/members/index.js';
import { congressRepresentatives } from '../server/src/modules/participation/congresses.tables.js';
import { scratchDatabaseUrl } from '../server/test/scratch-database.js';
import { startServer } from './bench-server.js';
import { singleRowBaseline } from './pgbench-baseline.js';
import { connect, nextResponse } from './raw-http.js';

if (!process.env.DATABASE_URL) {
  console.error('bench:votes runs against a real PostgreSQL server: set DATABASE_URL');
  process.exit(2);
}
const loadAtStart = os.loadavg();
const representativeCount = Number(process.env.REPRESENTATIVES ?? 2000);
const databaseUrl = await scratchDatabaseUrl(process.env.DATABASE_URL, 'votes');
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  ADMIN_PASSWORD: 'bench-admin-pass',
  PII_KEY: crypto.randomBytes(32).toString('hex'),
  WEB_DIR: '',
  LOG_LEVEL: 'error',
};

// Set-up in this process: a union, its members (each signed in), a congress with all of them as representatives,
// and the motions.
const { app, ctx } = await buildApp({ config: loadConfig(env) });
await bootstrap(ctx);
const admin = (
  await app.inject({
    method: 'POST',
    url: '/api/v1/auth/staff-login',
    payload: { username: 'admin', password: 'bench-admin-pass' },
  })
).json();
const asAdmin = { authorization: `Bearer ${admin.token}` };
const union = (
  await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: asAdmin,
    payload: { parentId: admin.staff.org.id, name: '压测企业工会', kind: 'grassroots' },
  })
).json();
const congress = (
  await app.inject({
    method: 'POST',
    url: '/api/v1/congresses',
    headers: asAdmin,
    payload: {
      orgId: union.id,
      name: '压测公司第三届职工代表大会',
      kind: 'workers_congress',
      termStartsOn: '2026-01-01',
      termEndsOn: '2030-12-31',
    },
  })
).json();
const tokens: string[] = [];
for (let i = 0; i < representativeCount; i += 500) {
  const batch = Array.from(
    { length: Math.min(500, representativeCount - i) },
    (_, j) => `137${String(i + j).padStart(8, '0')}`,
  );
  const added = await ctx.db
    .insert(members)
    .values(
      batch.map((phone, j) => ({ orgId: union.id, name: `代表${i + j}`, ...memberSecrets(ctx, phone, undefined) })),
    )
    .returning({ id: members.id });
  await ctx.db
    .insert(congressRepresentatives)
    .values(
      added.map((m) => ({ congressId: congress.id, memberId: m.id, status: 'active' as const, createdAt: new Date() })),
    );
  const accounts = await ctx.db
    .insert(workerAccounts)
    .values(
      batch.map((phone) => ({
        phoneHash: ctx.pii.blindIndex('phone', phone),
        phoneEnc: ctx.pii.encrypt(phone),
        phoneMasked: maskPhone(phone),
      })),
    )
    .returning({ id: workerAccounts.id });
  tokens.push(
    ...(await Promise.all(accounts.map((a) => createSession(ctx.db, 'worker', a.id, ctx.config, ctx.clock.now())))),
  );
}
const rounds = Number(process.env.ROUNDS ?? 3);
const warmups = Number(process.env.WARMUP ?? 1);
const motions: { id: string }[] = [];
for (let i = 0; i < warmups + rounds; i++) {
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/congresses/${congress.id}/motions`,
    headers: asAdmin,
    payload: {
      title: i < warmups ? `预热议案${i + 1}` : `职工安置方案（第${i + 1 - warmups}轮）`,
      body: '提请职代会表决。',
    },
  });
  if (created.statusCode !== 201) throw new Error(`motion: ${created.statusCode} ${created.body}`);
  motions.push(created.json());
}
await app.close();

const server = await startServer('app', env, false);
const sockets: net.Socket[] = [];
// Before the vote, each representative's app shows the motion (a signed-in request).
for (let i = 0; i < representativeCount; i += 100) {
  const batch = await Promise.all(
    Array.from({ length: Math.min(100, representativeCount - i) }, () => connect(server.port)),
  );
  await Promise.all(
    batch.map((socket, j) => {
      const answered = nextResponse(socket);
      socket.write(
        `GET /api/v1/motions/${motions[0]!.id} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer ${tokens[i + j]}\r\n\r\n`,
      );
      return answered;
    }),
  );
  sockets.push(...batch);
}

const choices = ['for', 'for', 'against', 'abstain'] as const;

/** One wave: every representative's ballot written at once, one per connection; answers with their times. */
async function wave(motionId: string) {
  const requests = tokens.map((token, i) => {
    const body = JSON.stringify({ choice: choices[i % choices.length] });
    return (
      `POST /api/v1/motions/${motionId}/ballots HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer ${token}\r\n` +
      `Idempotency-Key: ${crypto.randomUUID()}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
    );
  });
  await fetch(`http://127.0.0.1:${server.port}/__bench/latency`);
  const started = performance.now();
  const answers = await Promise.all(
    sockets.map(async (socket, i) => {
      const answered = nextResponse(socket);
      socket.write(requests[i]!);
      const { status, body } = await answered;
      return {
        status,
        alreadyVoted: status === 409 && body.includes('ALREADY_VOTED'),
        ms: performance.now() - started,
      };
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const serverLatency = (await (await fetch(`http://127.0.0.1:${server.port}/__bench/latency`)).json()) as {
    p50: number;
    p99: number;
    max: number;
    cpuShare: number;
  };
  const byStatus: Record<string, number> = {};
  for (const a of answers) {
    const label = a.alreadyVoted ? '409 ALREADY_VOTED' : String(a.status);
    byStatus[label] = (byStatus[label] ?? 0) + 1;
  }
  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  return {
    answers,
    byStatus,
    seconds,
    serverLatency,
    clientP99Ms: latencies[Math.floor(0.99 * (latencies.length - 1))]!,
  };
}

async function vote(motionId: string) {
  const first = await wave(motionId);
  const counted = first.answers.filter((a) => a.status === 201).length;
  // The same representatives press again: every ballot is already in.
  const again = await wave(motionId);
  const result = (await (
    await fetch(`http://127.0.0.1:${server.port}/api/v1/motions/${motionId}/result`, { headers: asAdmin })
  ).json()) as { voted: number; representatives: number; for: number; against: number; abstain: number };
  return {
    motionId,
    responses: first.byStatus,
    repeatedWave: again.byStatus,
    result,
    correct:
      counted === representativeCount &&
      again.answers.every((a) => a.alreadyVoted) &&
      result.voted === representativeCount &&
      result.representatives === representativeCount,
    seconds: Number(first.seconds.toFixed(3)),
    ballotsPerSecond: Math.round(counted / first.seconds),
    clientP99Ms: Math.round(first.clientP99Ms),
    serverP50Ms: Number(first.serverLatency.p50.toFixed(1)),
    serverP99Ms: Number(first.serverLatency.p99.toFixed(1)),
    serverMaxMs: Number(first.serverLatency.max.toFixed(1)),
    serverCpu: Number(first.serverLatency.cpuShare.toFixed(2)),
    repeatedWaveServerP99Ms: Number(again.serverLatency.p99.toFixed(1)),
  };
}

let warmupCorrect = true;
for (const m of motions.slice(0, warmups)) warmupCorrect = (await vote(m.id)).correct && warmupCorrect;
const measured: Awaited<ReturnType<typeof vote>>[] = [];
for (const m of motions.slice(warmups)) measured.push(await vote(m.id));
for (const socket of sockets) socket.destroy();
server.child.kill();
const median = [...measured].sort((a, b) => a.ballotsPerSecond - b.ballotsPerSecond)[Math.floor(measured.length / 2)]!;

const { openDatabase } = await import('../server/src/kernel/db/client.js');
const database = await openDatabase({ databaseUrl, dataDir: null });
const ballots = await queryRows<{ id: string; n: number }>(
  database.db,
  sql`select m.id, (select count(*)::int from motion_ballots b where b.motion_id = m.id) as n from motions m`,
);
// Every vote, the warm-up too, holds exactly one ballot per representative.
const wrong = ballots.filter((m) => m.n !== representativeCount);
// The single-row baseline on the same server, same machine, same run.
const { tps, durability } = await singleRowBaseline(database.db, databaseUrl);
await database.close();

console.log(
  JSON.stringify(
    {
      representatives: representativeCount,
      ballotsPerMotion: ballots.map((m) => m.n),
      durability,
      rounds: measured.map((r) => ({
        seconds: r.seconds,
        ballotsPerSecond: r.ballotsPerSecond,
        serverP99Ms: r.serverP99Ms,
        serverCpu: r.serverCpu,
        responses: r.responses,
        repeatedWave: r.repeatedWave,
      })),
      median: { ...median, motionId: undefined },
      serverP99TargetMs: 200,
      serverP99Met: median.serverP99Ms < 200,
      pgbenchSingleRowTps: Math.round(tps),
      ballotsRatioToSingleRow: Number((median.ballotsPerSecond / tps).toFixed(3)),
      node: process.version,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
      loadAverageAtStart: loadAtStart.map((l) => Number(l.toFixed(2))),
      loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
    },
    null,
    2,
  ),
);
if (wrong.length > 0 || ballots.length !== warmups + rounds) {
  console.error('a motion without exactly one ballot per representative');
  process.exit(1);
}
if (!warmupCorrect || measured.some((r) => !r.correct)) {
  console.error('an answer other than one 201 per representative, then 409 ALREADY_VOTED for the repeated wave');
  process.exit(1);
}
