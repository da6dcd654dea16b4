/**
 * A voucher campaign opening: MEMBERS (20,000) members claim a campaign of QUANTITY (10,000), against
 * the real PostgreSQL server, with CONNECTIONS (2,000) members' apps claiming at any moment (each
 * connection sends its next member's claim as soon as the previous one is answered). The measure is
 * vouchers issued per second — successful stock decrements, the 201s, up to the last of them — against
 * the rate pgbench reaches, in the same run on the same server, on the single-row
 * `UPDATE … SET remaining = remaining - 1 WHERE remaining > 0` that every claim ultimately contends on.
 * Claims answered per second (201s and 409 SOLD_OUT together) are reported beside it, labelled: after
 * the sell-out the server answers from memory, so that figure flatters. The campaign is large enough
 * that the steady state dominates the ramp-up. Every answer is checked: exactly QUANTITY 201s, the rest
 * 409 SOLD_OUT, and in the database every campaign exactly QUANTITY vouchers and stock 0.
 * WARMUP warm-up campaigns first (1: a server that has just started runs its code unoptimised), then
 * ROUNDS campaigns (3); the median round by issued/s is reported.
 *
 *   DATABASE_URL=postgres://… npm run bench:claims    # a server with PostgreSQL's durable defaults:
 *   DATABASE_URL=$(PG_DURABLE=1 .ci/start-postgres.sh) npm run bench:claims
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { queryRows, sql } from '../server/src/kernel/db/client.js';
import { serverLatency, startServer } from './bench-server.js';
import { flashEnv, machineReport, medianBy, setUpUnion, signedInMembers } from './flash-setup.js';
import { checkThenBaseline } from './pgbench-baseline.js';
import { nextResponse, warmSockets } from './raw-http.js';

const loadAtStart = os.loadavg();
const memberCount = Number(process.env.MEMBERS ?? 20_000);
const quantity = Number(process.env.QUANTITY ?? 10_000);
const connectionCount = Math.min(memberCount, Number(process.env.CONNECTIONS ?? 2000));
const { databaseUrl, env } = await flashEnv('claims', { CLAIM_LIMIT_PER_ADDRESS: String(memberCount * 10) });

// Set-up in this process: a union, its members (each signed in), and the campaign.
const { app, ctx, asAdmin, union } = await setUpUnion(env, '压测基层工会');
const tokens = await signedInMembers(ctx, union.id, {
  count: memberCount,
  phonePrefix: '136',
  name: (i) => `职工${i}`,
});
const rounds = Number(process.env.ROUNDS ?? 3);
async function createCampaign(title: string): Promise<{ id: string }> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/voucher-campaigns',
    headers: asAdmin,
    payload: {
      orgId: union.id,
      title,
      quantity,
      perMemberLimit: 1,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
    },
  });
  return created.json();
}
const campaigns: { id: string }[] = [];
const warmups = Number(process.env.WARMUP ?? 1);
for (let i = 0; i < warmups + rounds; i++)
  campaigns.push(await createCampaign(i < warmups ? `预热券${i + 1}` : `压测券${i + 1 - warmups}`));
await app.close();

/**
 * The campaign opens: CONNECTIONS apps are already connected (keep-alive, warmed with a request),
 * and each claims for its members one after another. Timing starts when the first claims are written
 * and ends with the last answer, so it measures serving claims, not opening sockets.
 */
interface Answer {
  status: number;
  soldOut: boolean;
  ms: number;
}

const server = await startServer('app', env, false);
// Before it opens, each member's app shows the campaign with its countdown (a signed-in request).
const sockets = await warmSockets(
  server.port,
  tokens,
  connectionCount,
  `/api/v1/voucher-campaigns/${campaigns[0]!.id}`,
);
async function flash(campaignId: string) {
  const requests = tokens.map(
    (token) =>
      `POST /api/v1/voucher-campaigns/${campaignId}/claims HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer ${token}\r\n` +
      `Idempotency-Key: ${crypto.randomUUID()}\r\nContent-Length: 0\r\n\r\n`,
  );
  await serverLatency(server.port);
  const started = performance.now();
  const answers: Answer[] = [];
  // Connection c claims for members c, c + CONNECTIONS, c + 2 × CONNECTIONS, …
  await Promise.all(
    sockets.map(async (socket, c) => {
      for (let i = c; i < memberCount; i += connectionCount) {
        const answered = nextResponse(socket);
        socket.write(requests[i]!);
        const { status, body } = await answered;
        answers.push({ status, soldOut: status === 409 && body.includes('SOLD_OUT'), ms: performance.now() - started });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const latency = await serverLatency(server.port);
  const byStatus: Record<string, number> = {};
  for (const a of answers) {
    const label = a.soldOut ? '409 SOLD_OUT' : String(a.status);
    byStatus[label] = (byStatus[label] ?? 0) + 1;
  }
  const issued = answers.filter((a) => a.status === 201);
  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  const lastIssuedMs = Math.max(...issued.map((a) => a.ms));
  return {
    campaignId,
    responses: byStatus,
    // Every answer is a voucher or SOLD_OUT, and exactly the quantity are vouchers.
    correct:
      issued.length === quantity &&
      answers.filter((a) => a.soldOut).length === memberCount - quantity &&
      answers.length === memberCount,
    seconds: Number(seconds.toFixed(3)),
    secondsToLastVoucher: Number((lastIssuedMs / 1000).toFixed(3)),
    // The measure: vouchers issued (successful stock decrements) per second, up to the last 201.
    issuedPerSecond: Math.round((1000 * issued.length) / lastIssuedMs),
    // Beside it: every answered claim, SOLD_OUT answers (served from memory after the sell-out) included.
    claimsAnsweredPerSecond: Math.round(answers.length / seconds),
    clientP99Ms: Math.round(latencies[Math.floor(0.99 * (latencies.length - 1))]!),
    serverP50Ms: Number(latency.p50.toFixed(1)),
    serverP99Ms: Number(latency.p99.toFixed(1)),
    // The server process's CPU time over the round's wall time: near 1, its own CPU is what it waits on.
    serverCpu: Number(latency.cpuShare.toFixed(2)),
  };
}

let warmupCorrect = true;
for (const c of campaigns.slice(0, warmups)) warmupCorrect = (await flash(c.id)).correct && warmupCorrect;
if (process.env.BENCH_PROFILE) await fetch(`http://127.0.0.1:${server.port}/__bench/profile/start`);
const measured: Awaited<ReturnType<typeof flash>>[] = [];
for (const c of campaigns.slice(warmups)) measured.push(await flash(c.id));
if (process.env.BENCH_PROFILE) await fetch(`http://127.0.0.1:${server.port}/__bench/profile/stop`);
for (const socket of sockets) socket.destroy();
server.child.kill();
const median = medianBy(measured, (r) => r.issuedPerSecond);

// Afterwards, in SQL: every campaign, the warm-up too; then the single-row baseline on the same server, same run.
const [stock, { tps, durability }] = await checkThenBaseline(databaseUrl, (db) =>
  queryRows<{ id: string; n: number; remaining: number }>(
    db,
    sql`select c.id, (select count(*)::int from vouchers v where v.campaign_id = c.id) as n, c.remaining from voucher_campaigns c`,
  ),
);
// Every round, the warm-up too, must issue exactly the quantity: no oversell, no undersell.
const wrong = stock.filter((c) => c.n !== quantity || c.remaining !== 0);

console.log(
  JSON.stringify(
    {
      members: memberCount,
      quantity,
      connections: connectionCount,
      campaigns: stock.map((c) => ({ issued: c.n, remaining: c.remaining })),
      durability,
      rounds: measured.map((r) => ({
        seconds: r.seconds,
        issuedPerSecond: r.issuedPerSecond,
        claimsAnsweredPerSecond: r.claimsAnsweredPerSecond,
        serverCpu: r.serverCpu,
        responses: r.responses,
      })),
      median: { ...median, campaignId: undefined },
      pgbenchSingleRowTps: Math.round(tps),
      issuedRatioToSingleRow: Number((median.issuedPerSecond / tps).toFixed(3)),
      claimsAnsweredRatioToSingleRow: Number((median.claimsAnsweredPerSecond / tps).toFixed(3)),
      ...machineReport(loadAtStart),
    },
    null,
    2,
  ),
);
if (wrong.length > 0 || stock.length !== warmups + rounds) {
  console.error('OVERSOLD or UNDERSOLD');
  process.exit(1);
}
if (!warmupCorrect || measured.some((r) => !r.correct)) {
  console.error('an answer other than the quantity of 201s and SOLD_OUT for the rest');
  process.exit(1);
}
