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
import { queryRows, sql } from '../server/src/kernel/db/client.js';
import { congressRepresentatives } from '../server/src/modules/participation/congresses.tables.js';
import { serverLatency, startServer } from './bench-server.js';
import { flashEnv, machineReport, medianBy, setUpUnion, signedInMembers } from './flash-setup.js';
import { checkThenBaseline } from './pgbench-baseline.js';
import { nextResponse, warmSockets } from './raw-http.js';

const loadAtStart = os.loadavg();
const representativeCount = Number(process.env.REPRESENTATIVES ?? 2000);
const { databaseUrl, env } = await flashEnv('votes');

// Set-up in this process: a union, its members (each signed in), a congress with all of them as representatives,
// and the motions.
const { app, ctx, asAdmin, union } = await setUpUnion(env, '压测企业工会');
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
const tokens = await signedInMembers(ctx, union.id, {
  count: representativeCount,
  phonePrefix: '137',
  name: (i) => `代表${i}`,
  alsoFor: (memberIds) =>
    ctx.db.insert(congressRepresentatives).values(
      memberIds.map((memberId) => ({
        congressId: congress.id,
        memberId,
        status: 'active' as const,
        createdAt: new Date(),
      })),
    ),
});
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
// Before the vote, each representative's app shows the motion (a signed-in request).
const sockets = await warmSockets(server.port, tokens, representativeCount, `/api/v1/motions/${motions[0]!.id}`);

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
  await serverLatency(server.port);
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
  const latency = await serverLatency(server.port);
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
    serverLatency: latency,
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
const median = medianBy(measured, (r) => r.ballotsPerSecond);

// Afterwards, in SQL: every motion, the warm-up too; then the single-row baseline on the same server, same run.
const [ballots, { tps, durability }] = await checkThenBaseline(databaseUrl, (db) =>
  queryRows<{ id: string; n: number }>(
    db,
    sql`select m.id, (select count(*)::int from motion_ballots b where b.motion_id = m.id) as n from motions m`,
  ),
);
// Every vote, the warm-up too, holds exactly one ballot per representative.
const wrong = ballots.filter((m) => m.n !== representativeCount);

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
      ...machineReport(loadAtStart),
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
