/**
 * A public poll's peak (网络投票: Shanxi's 最美劳动者 took ~6 million votes in 11 days, far above its average at its
 * peaks): MEMBERS (20,000) members of one union, each signed in, each casting their daily ballots — BALLOTS (3) a day,
 * at most 1 per entry, for ENTRIES (40) finalists — with CONNECTIONS (2,000) members' apps voting at any moment (each
 * connection sends its next ballot as soon as the previous one is answered; every ballot with its own
 * Idempotency-Key). Against the real PostgreSQL server. The measure is ballots counted per second — the 201s, up to
 * the last of them — against the rate pgbench reaches, in the same run on the same server, on the single-row
 * `UPDATE … SET remaining = remaining - 1` (the bench:claims baseline).
 *
 * Then every member, once more: the last ballot again under the same Idempotency-Key (a phone's retry: must answer the
 * same 201 and count nothing), and one ballot too many (must answer 409 DAILY_LIMIT_REACHED). Afterwards, in SQL, for
 * every poll: ballots in the table = accepted 201s; no member over BALLOTS a day, none over 1 for an entry a day; each
 * entry's counter = its ballots; each member's day row = their ballots.
 * WARMUP warm-up polls first (1), then ROUNDS polls (3), each a fresh poll with its own entries; the median round by
 * ballots/s is reported.
 *
 *   DATABASE_URL=$(PG_DURABLE=1 bash .ci/start-postgres.sh | tail -1) npm run bench:ballots
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
const entryCount = Number(process.env.ENTRIES ?? 40);
const ballotsPerDay = Number(process.env.BALLOTS ?? 3);
const connectionCount = Math.min(memberCount, Number(process.env.CONNECTIONS ?? 2000));
const { databaseUrl, env } = await flashEnv('ballots', {
  // Every simulated phone connects from 127.0.0.1: the per-address throttle is for scripts, not for this.
  POLL_BALLOT_LIMIT_PER_ADDRESS: String(memberCount * (ballotsPerDay + 2) * 10),
});

// Set-up in this process: a union, its members (each signed in), the polls and their entries.
const { app, ctx, asAdmin, union } = await setUpUnion(env, '压测基层工会');
const tokens = await signedInMembers(ctx, union.id, {
  count: memberCount,
  phonePrefix: '138',
  name: (i) => `职工${i}`,
});
const rounds = Number(process.env.ROUNDS ?? 3);
const warmups = Number(process.env.WARMUP ?? 1);
const polls: { id: string; entries: string[] }[] = [];
for (let i = 0; i < warmups + rounds; i++) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/polls',
    headers: asAdmin,
    payload: {
      orgId: union.id,
      title: i < warmups ? `预热投票${i + 1}` : `最美货车司机网络投票（第${i + 1 - warmups}轮）`,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
      ballotsPerMemberPerDay: ballotsPerDay,
      perEntryPerDay: 1,
    },
  });
  if (created.statusCode !== 201) throw new Error(`poll: ${created.statusCode} ${created.body}`);
  const entries: string[] = [];
  for (let e = 0; e < entryCount; e++) {
    const added = await app.inject({
      method: 'POST',
      url: `/api/v1/polls/${created.json().id}/entries`,
      headers: asAdmin,
      payload: { title: `候选人${e + 1}`, description: '货车司机' },
    });
    if (added.statusCode !== 201) throw new Error(`entry: ${added.statusCode} ${added.body}`);
    entries.push(added.json().id);
  }
  polls.push({ id: created.json().id, entries });
}
await app.close();

const server = await startServer('app', env, false);
// Before it opens, each member's app shows the poll (a signed-in request).
const sockets = await warmSockets(server.port, tokens, connectionCount, `/api/v1/polls/${polls[0]!.id}`);

function ballotRequest(pollId: string, token: string, entryId: string, key: string): string {
  const body = JSON.stringify({ entryId });
  return (
    `POST /api/v1/polls/${pollId}/ballots HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer ${token}\r\n` +
    `Idempotency-Key: ${key}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

interface Sent {
  member: number;
  entryId: string;
  key: string;
  status: number;
  body: string;
  ms: number;
}

/** Connection c votes for members c, c + CONNECTIONS, …: each member's ballots one after another. */
async function wave(plan: (member: number) => { entryId: string; key: string }[], pollId: string) {
  await serverLatency(server.port);
  const started = performance.now();
  const sent: Sent[] = [];
  await Promise.all(
    sockets.map(async (socket, c) => {
      for (let m = c; m < memberCount; m += connectionCount)
        for (const { entryId, key } of plan(m)) {
          const answered = nextResponse(socket);
          socket.write(ballotRequest(pollId, tokens[m]!, entryId, key));
          const { status, body } = await answered;
          sent.push({ member: m, entryId, key, status, body, ms: performance.now() - started });
        }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { sent, seconds, serverLatency: await serverLatency(server.port) };
}

function tally(sent: Sent[]): Record<string, number> {
  const byStatus: Record<string, number> = {};
  for (const s of sent) {
    const code = s.status === 201 ? '' : (/"code":"([A-Z_]+)"/.exec(s.body)?.[1] ?? '');
    const label = code ? `${s.status} ${code}` : String(s.status);
    byStatus[label] = (byStatus[label] ?? 0) + 1;
  }
  return byStatus;
}

async function round(poll: { id: string; entries: string[] }) {
  // Member m votes for BALLOTS different entries, spread so that every entry gets the same share.
  const choices = (m: number) =>
    Array.from({ length: ballotsPerDay }, (_, k) => poll.entries[(m * ballotsPerDay + k) % poll.entries.length]!);
  const keys = Array.from({ length: memberCount }, () =>
    Array.from({ length: ballotsPerDay }, () => crypto.randomUUID()),
  );
  const first = await wave((m) => choices(m).map((entryId, k) => ({ entryId, key: keys[m]![k]! })), poll.id);
  const accepted = first.sent.filter((s) => s.status === 201);
  const lastMs = Math.max(...accepted.map((s) => s.ms));
  // The same members again: a retry of their last ballot (same key: the same 201, nothing counted) and a ballot too
  // many (a new key, an entry they did not vote for today: 409 DAILY_LIMIT_REACHED).
  const again = await wave(
    (m) => [
      { entryId: choices(m)[ballotsPerDay - 1]!, key: keys[m]![ballotsPerDay - 1]! },
      { entryId: poll.entries[(m * ballotsPerDay + ballotsPerDay) % poll.entries.length]!, key: crypto.randomUUID() },
    ],
    poll.id,
  );
  const firstAnswer = new Map(first.sent.map((s) => [s.key, s.body]));
  const retries = again.sent.filter((s) => firstAnswer.has(s.key));
  const extra = again.sent.filter((s) => !firstAnswer.has(s.key));
  const latencies = first.sent.map((s) => s.ms).sort((a, b) => a - b);
  return {
    pollId: poll.id,
    responses: tally(first.sent),
    retryWave: tally(again.sent),
    accepted: accepted.length,
    correct:
      accepted.length === memberCount * ballotsPerDay &&
      retries.every((s) => s.status === 201 && s.body === firstAnswer.get(s.key)) &&
      extra.every((s) => s.status === 409 && s.body.includes('DAILY_LIMIT_REACHED')),
    seconds: Number(first.seconds.toFixed(3)),
    secondsToLastBallot: Number((lastMs / 1000).toFixed(3)),
    ballotsPerSecond: Math.round((1000 * accepted.length) / lastMs),
    clientP99Ms: Math.round(latencies[Math.floor(0.99 * (latencies.length - 1))]!),
    serverP50Ms: Number(first.serverLatency.p50.toFixed(1)),
    serverP99Ms: Number(first.serverLatency.p99.toFixed(1)),
    serverCpu: Number(first.serverLatency.cpuShare.toFixed(2)),
  };
}

let warmupCorrect = true;
const accepted = new Map<string, number>();
for (const p of polls.slice(0, warmups)) {
  const r = await round(p);
  accepted.set(p.id, r.accepted);
  warmupCorrect = r.correct && warmupCorrect;
}
if (process.env.BENCH_PROFILE) await fetch(`http://127.0.0.1:${server.port}/__bench/profile/start`);
const measured: Awaited<ReturnType<typeof round>>[] = [];
for (const p of polls.slice(warmups)) {
  const r = await round(p);
  accepted.set(p.id, r.accepted);
  measured.push(r);
  // Each round as it ends (stderr), so a run cut short still says what it measured.
  console.error(JSON.stringify({ ...r, pollId: undefined, loadAverage: os.loadavg()[0] }));
}
if (process.env.BENCH_PROFILE) await fetch(`http://127.0.0.1:${server.port}/__bench/profile/stop`);
for (const socket of sockets) socket.destroy();
server.child.kill();
const median = medianBy(measured, (r) => r.ballotsPerSecond);

// Afterwards, in SQL: every poll, the warm-up too; then the single-row baseline on the same server, same run.
const [checks, { tps, durability }] = await checkThenBaseline(databaseUrl, (db) =>
  // Set-wise (grouped joins), not a subquery per row: a quarter of a million ballots.
  queryRows<{
    id: string;
    ballots: number;
    overDaily: number;
    overEntry: number;
    counterMismatch: number;
    dayRowMismatch: number;
    flags: number;
  }>(
    db,
    sql`with per_day as (
          select poll_id, member_id, day, count(*) as n from poll_ballots group by poll_id, member_id, day),
        per_entry_day as (
          select poll_id, member_id, entry_id, day, count(*) as n from poll_ballots group by poll_id, member_id, entry_id, day),
        per_entry as (
          select entry_id, count(*) as n from poll_ballots where voided_at is null group by entry_id),
        counters as (
          select entry_id, sum(votes) as n from poll_entry_votes group by entry_id)
        select p.id,
          (select count(*)::int from poll_ballots b where b.poll_id = p.id) as ballots,
          (select count(*)::int from per_day d where d.poll_id = p.id and d.n > p.ballots_per_member_per_day) as "overDaily",
          (select count(*)::int from per_entry_day d where d.poll_id = p.id and d.n > p.per_entry_per_day) as "overEntry",
          (select count(*)::int from poll_entries e
             left join per_entry b on b.entry_id = e.id left join counters c on c.entry_id = e.id
            where e.poll_id = p.id and coalesce(b.n, 0) <> coalesce(c.n, 0)) as "counterMismatch",
          (select count(*)::int from poll_member_days r
             full join per_day d on d.poll_id = r.poll_id and d.member_id = r.member_id and d.day = r.day
            where coalesce(r.poll_id, d.poll_id) = p.id and coalesce(r.votes, 0) <> coalesce(d.n, 0)) as "dayRowMismatch",
          (select count(*)::int from poll_flags f where f.poll_id = p.id) as flags
        from polls p`,
  ),
);
const wrong = checks.filter(
  (c) =>
    c.ballots !== accepted.get(c.id) ||
    c.overDaily > 0 ||
    c.overEntry > 0 ||
    c.counterMismatch > 0 ||
    c.dayRowMismatch > 0,
);
console.log(
  JSON.stringify(
    {
      members: memberCount,
      entries: entryCount,
      ballotsPerMemberPerDay: ballotsPerDay,
      perEntryPerDay: 1,
      connections: connectionCount,
      polls: checks.map((c) => ({ ...c, accepted201: accepted.get(c.id), id: undefined })),
      durability,
      rounds: measured.map((r) => ({
        seconds: r.seconds,
        ballotsPerSecond: r.ballotsPerSecond,
        serverCpu: r.serverCpu,
        serverP99Ms: r.serverP99Ms,
        responses: r.responses,
        retryWave: r.retryWave,
      })),
      median: { ...median, pollId: undefined },
      pgbenchSingleRowTps: Math.round(tps),
      ballotsRatioToSingleRow: Number((median.ballotsPerSecond / tps).toFixed(3)),
      ...machineReport(loadAtStart),
    },
    null,
    2,
  ),
);
if (wrong.length > 0) {
  console.error('A COUNT IS WRONG or A LIMIT WAS EXCEEDED', JSON.stringify(wrong));
  process.exit(1);
}
if (!warmupCorrect || measured.some((r) => !r.correct)) {
  console.error('an answer other than the daily ballots accepted, the retries replayed and the extra refused');
  process.exit(1);
}
