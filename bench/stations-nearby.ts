/**
 * Nearby-station search at national scale: 150,000 stations across China, GET /api/v1/stations/nearby
 * at random points, measured with autocannon against the running server; beside it, in the same run,
 * Fastify's hello world on the same machine. Server-side p99 comes from the server's own timer.
 * Client and server on their own CPUs; ROUNDS (3) alternating rounds of DURATION (10) s each, medians
 * reported; BENCH_PROFILE=file.cpuprofile profiles the app server's last measured round.
 *
 *   DATABASE_URL=postgres://… npm run bench:nearby     # the target is stated for PostgreSQL
 *   npm run bench:nearby                               # embedded PGlite
 */
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

const stationCount = Number(process.env.STATIONS ?? 150_000);
const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 10);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'su-bench-nearby-'));
const databaseUrl = process.env.DATABASE_URL ? await scratchDatabaseUrl(process.env.DATABASE_URL, 'nearby') : '';
const env = { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dir, ADMIN_PASSWORD: 'bench-admin-pass' };

// Load the stations once, in bulk, before any server starts (PGlite allows one process at a time).
{
  const config = loadConfig({ ...env, WEB_DIR: '', LOG_LEVEL: 'error' });
  const { app, ctx } = await buildApp({ config });
  await bootstrap(ctx);
  await app.close();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
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

async function run(port: number, pathFor: () => string, profile = false) {
  // Warm up, then measure; the server's own latency record is reset just before measuring.
  await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: 3, requests: [{ setupRequest: (req) => ({ ...req, path: pathFor() }) }] });
  await fetch(`http://127.0.0.1:${port}/__bench/latency`);
  // BENCH_PROFILE=file: a CPU profile of the app server's measured phase (see bench/serve.ts).
  if (profile) await fetch(`http://127.0.0.1:${port}/__bench/profile/start`);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    requests: [{ setupRequest: (req) => ({ ...req, path: pathFor() }) }],
  });
  if (profile) await fetch(`http://127.0.0.1:${port}/__bench/profile/stop`);
  const server = (await (await fetch(`http://127.0.0.1:${port}/__bench/latency`)).json()) as { count: number; p50: number; p99: number };
  return {
    reqPerSec: Math.round(result.requests.average),
    clientP99Ms: result.latency.p99,
    serverP50Ms: Number(server.p50.toFixed(2)),
    serverP99Ms: Number(server.p99.toFixed(2)),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const nearbyPath = () => {
  const lat = (22 + 28 * Math.random()).toFixed(5);
  const lng = (100 + 22 * Math.random()).toFixed(5);
  return `/api/v1/stations/nearby?lat=${lat}&lng=${lng}&limit=20${Math.random() < 0.3 ? '&openNow=true' : ''}`;
};

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
const median = (runs: Awaited<ReturnType<typeof run>>[]) => [...runs].sort((a, b) => a.reqPerSec - b.reqPerSec)[Math.floor(runs.length / 2)]!;
const baseline = median(helloRuns);
const nearby = median(nearbyRuns);
fs.rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify(
    {
      database: databaseUrl ? 'postgresql' : 'pglite',
      stations: stationCount,
      connections,
      durationSeconds: duration,
      placement,
      rounds: { nearby: nearbyRuns.map((r) => r.reqPerSec), helloWorld: helloRuns.map((r) => r.reqPerSec) },
      nearby,
      helloWorld: baseline,
      ratioToHelloWorld: Number((nearby.reqPerSec / baseline.reqPerSec).toFixed(3)),
      node: process.version,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    },
    null,
    2,
  ),
);
