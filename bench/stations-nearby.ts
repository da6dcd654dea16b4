/**
 * Nearby-station search at national scale: 150,000 stations across China, GET /api/v1/stations/nearby
 * at random points, measured with autocannon against the running server; beside it, in the same run,
 * Fastify's hello world on the same machine. Server-side p99 comes from the server's own timer.
 * Client and server on their own CPUs; ROUNDS (3) alternating rounds of DURATION (10) s each, medians
 * reported; BENCH_PROFILE=file.cpuprofile profiles the app server's last measured round.
 *
 * The client must not be the bottleneck of the baseline: a hello world answers so cheaply that one
 * autocannon process sending one request at a time per connection cannot keep its server busy (the
 * server idled ≈ 37 % of the time). So both servers get the same CONNECTIONS (32) × PIPELINING (10)
 * requests in flight, each server reports the CPU share it used while measured, and one extra
 * hello-world round at twice the pipelining shows whether more client load still buys req/s
 * (saturated: it does not). Any non-2xx answer or socket error fails the run.
 *
 *   DATABASE_URL=postgres://… npm run bench:nearby     # the target is stated for PostgreSQL
 *   npm run bench:nearby                               # embedded PGlite
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../server/src/kernel/config.js';
import { migrateDatabase, openDatabase, sql } from '../server/src/kernel/db/client.js';
import { scratchDatabaseUrl } from '../server/test/scratch-database.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { buildApp } from '../server/src/app.js';
import { pinClient, startServer } from './bench-server.js';

const loadAtStart = os.loadavg();
const stationCount = Number(process.env.STATIONS ?? 150_000);
const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 32);
const pipelining = Number(process.env.PIPELINING ?? 10);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'su-bench-nearby-'));
const databaseUrl = process.env.DATABASE_URL ? await scratchDatabaseUrl(process.env.DATABASE_URL, 'nearby') : '';
const env = { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dir, ADMIN_PASSWORD: 'bench-admin-pass' };

// Load the stations once, in bulk, before any server starts (PGlite allows one process at a time).
{
  const config = loadConfig({ ...env, WEB_DIR: '', LOG_LEVEL: 'error' });
  const { app, ctx } = await buildApp({ config });
  await bootstrap(ctx);
  await app.close();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'pglite'),
  });
  await migrateDatabase(database);
  const t0 = performance.now();
  await database.db.execute(sql`
    insert into stations (code, org_id, type, name, region_code, address, lat, lng, always_open, opens_at, closes_at, services)
    select '100000' || (array['RS','MB','BS'])[1 + i % 3] || lpad(i::text, 7, '0'), (select id from orgs where depth = 0),
           (array['rest_station','mother_baby_room','breakfast_shop'])[1 + i % 3], '驿站' || i, '100000', '地址' || i,
           round((18 + 35 * random())::numeric, 6)::float8, round((75 + 60 * random())::numeric, 6)::float8, i % 4 = 0, '07:00', '21:00', '{饮水,热饭,充电}'
    from generate_series(1, ${stationCount}) as i`);
  await database.db.execute(sql`analyze stations`);
  console.log(`loaded ${stationCount} stations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await database.close();
}

async function run(port: number, pathFor: () => string, profile = false, depth = pipelining) {
  // Warm up, then measure; the server's own latency record is reset just before measuring.
  await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    pipelining: depth,
    duration: 3,
    requests: [{ setupRequest: (req) => ({ ...req, path: pathFor() }) }],
  });
  await fetch(`http://127.0.0.1:${port}/__bench/latency`);
  // BENCH_PROFILE=file: a CPU profile of the app server's measured phase (see bench/serve.ts).
  if (profile) await fetch(`http://127.0.0.1:${port}/__bench/profile/start`);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    pipelining: depth,
    duration,
    requests: [{ setupRequest: (req) => ({ ...req, path: pathFor() }) }],
  });
  if (profile) await fetch(`http://127.0.0.1:${port}/__bench/profile/stop`);
  const server = (await (await fetch(`http://127.0.0.1:${port}/__bench/latency`)).json()) as {
    count: number;
    p50: number;
    p99: number;
    cpuShare: number;
  };
  return {
    reqPerSec: Math.round(result.requests.average),
    clientP99Ms: result.latency.p99,
    serverP50Ms: Number(server.p50.toFixed(2)),
    serverP99Ms: Number(server.p99.toFixed(2)),
    serverCpu: Number(server.cpuShare.toFixed(2)),
    // Requests per second of server CPU time: what the server would answer with a whole CPU to itself,
    // which a shared machine's load average does not move as much as it moves req/s.
    perServerCpuSecond: server.cpuShare > 0 ? Math.round(result.requests.average / server.cpuShare) : 0,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const nearbyPath = () => {
  const lat = (22 + 28 * Math.random()).toFixed(5);
  const lng = (100 + 22 * Math.random()).toFixed(5);
  return `/api/v1/stations/nearby?lat=${lat}&lng=${lng}&limit=20${Math.random() < 0.3 ? '&openNow=true' : ''}`;
};

// COMPARE_WORKERS=N: the app with N server processes (WORKERS=N, node cluster) against the app with one, in
// alternating rounds, instead of against hello world. Nothing is pinned: N processes need the CPUs the client
// shares with them. (The per-worker server statistics come from whichever worker answered: not reported.)
const compareWorkers = Number(process.env.COMPARE_WORKERS ?? 0);

type Round = Awaited<ReturnType<typeof run>>;
const median = (runs: Round[]) => [...runs].sort((a, b) => a.reqPerSec - b.reqPerSec)[Math.floor(runs.length / 2)]!;

/** Prints the run's report (its settings and the machine around `results`); fails the run on any non-2xx answer. */
function report(placement: string, results: Record<string, unknown>, rounds: Round[]): void {
  fs.rmSync(dir, { recursive: true, force: true });
  const settings = {
    database: databaseUrl ? 'postgresql' : 'pglite',
    stations: stationCount,
    connections,
    pipelining,
    durationSeconds: duration,
    placement,
  };
  const machine = {
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    loadAverageAtStart: loadAtStart.map((l) => Number(l.toFixed(2))),
    loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
  console.log(JSON.stringify({ ...settings, ...results, ...machine }, null, 2));
  // Every answer of every round must have been a 2xx: a fast error is not a result.
  const failed = rounds.filter((r) => r.non2xx > 0 || r.errors > 0);
  if (failed.length > 0) {
    console.error(`non-2xx answers or errors in ${failed.length} round(s)`);
    process.exit(1);
  }
}

/**
 * The same load from wrk (C, bench/wrk-nearby.lua), when installed: autocannon (JavaScript) needs about one of this
 * machine's two CPUs to keep one server busy, which leaves N server processes no more CPU than one. wrk needs a
 * fraction of that. Same connections, same pipelining, same random points; a 3 s warm-up first.
 */
const wrkPath = '/usr/bin/wrk';
function runWrk(port: number): Awaited<ReturnType<typeof run>> {
  const wrk = (seconds: number) =>
    execFileSync(
      wrkPath,
      [
        '-t1',
        `-c${connections}`,
        `-d${seconds}s`,
        '--latency',
        '-s',
        'bench/wrk-nearby.lua',
        `http://127.0.0.1:${port}`,
      ],
      { env: { ...process.env, PIPELINING: String(pipelining) }, encoding: 'utf8' },
    );
  wrk(3);
  const out = wrk(duration);
  const reqPerSec = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const p99Ms = p99 ? Number(p99[1]) * (p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1) : 0;
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors:[^\n]*/.exec(out)?.[0] ?? '';
  const socketErrors = [...errors.matchAll(/\d+/g)].reduce((sum, m) => sum + Number(m[0]), 0);
  return {
    reqPerSec: Math.round(reqPerSec),
    clientP99Ms: Number(p99Ms.toFixed(2)),
    serverP50Ms: 0,
    serverP99Ms: 0,
    serverCpu: 0,
    perServerCpuSecond: 0,
    non2xx,
    errors: socketErrors,
  };
}

if (compareWorkers > 1) {
  const client = fs.existsSync(wrkPath) ? 'wrk (1 thread)' : 'autocannon';
  const single: Awaited<ReturnType<typeof run>>[] = [];
  const several: Awaited<ReturnType<typeof run>>[] = [];
  for (let i = 0; i < Number(process.env.ROUNDS ?? 3); i++) {
    for (const [n, runs] of [
      [1, single],
      [compareWorkers, several],
    ] as const) {
      const server = await startServer('app', { ...env, BENCH_WORKERS: String(n) }, false);
      runs.push(fs.existsSync(wrkPath) ? runWrk(server.port) : await run(server.port, nearbyPath));
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
  }
  const [one, many] = [median(single), median(several)];
  report(
    'not pinned',
    {
      client,
      rounds: {
        oneProcess: single.map((r) => r.reqPerSec),
        [`${compareWorkers}Processes`]: several.map((r) => r.reqPerSec),
      },
      oneProcess: { reqPerSec: one.reqPerSec, clientP99Ms: one.clientP99Ms },
      severalProcesses: { workers: compareWorkers, reqPerSec: many.reqPerSec, clientP99Ms: many.clientP99Ms },
      ratio: Number((many.reqPerSec / one.reqPerSec).toFixed(3)),
    },
    [...single, ...several],
  );
  process.exit(0);
}

// Alternating rounds, medians reported: the rate of either server drifts with the machine's state.
const placement = pinClient();
const rounds = Number(process.env.ROUNDS ?? 3);
const helloRuns: Awaited<ReturnType<typeof run>>[] = [];
const nearbyRuns: Awaited<ReturnType<typeof run>>[] = [];
for (let i = 0; i < rounds; i++) {
  const hello = await startServer('hello', env);
  helloRuns.push(await run(hello.port, () => '/'));
  hello.child.kill();
  const server = await startServer('app', env);
  nearbyRuns.push(await run(server.port, nearbyPath, Boolean(process.env.BENCH_PROFILE) && i === rounds - 1));
  server.child.kill();
}
// Saturation check: the same hello world with twice as many requests in flight.
const heavier = await startServer('hello', env);
const helloHeavier = await run(heavier.port, () => '/', false, pipelining * 2);
heavier.child.kill();
const baseline = median(helloRuns);
const nearby = median(nearbyRuns);
report(
  placement,
  {
    rounds: { nearby: nearbyRuns.map((r) => r.reqPerSec), helloWorld: helloRuns.map((r) => r.reqPerSec) },
    nearby,
    helloWorld: baseline,
    helloWorldAtTwicePipelining: helloHeavier,
    ratioToHelloWorld: Number((nearby.reqPerSec / baseline.reqPerSec).toFixed(3)),
    ratioPerServerCpuSecond: Number((nearby.perServerCpuSecond / baseline.perServerCpuSecond).toFixed(3)),
  },
  [...helloRuns, ...nearbyRuns, helloHeavier],
);
