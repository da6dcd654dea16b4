/**
 * Nearby-station search at national scale: 150,000 stations across China, GET /api/v1/stations/nearby
 * at random points, measured with autocannon against the running server; beside it, in the same run,
 * Fastify's hello world on the same machine. Server-side p99 comes from the server's own timer.
 *
 *   DATABASE_URL=postgres://… npm run bench:nearby     # the target is stated for PostgreSQL
 *   npm run bench:nearby                               # embedded PGlite
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../server/src/kernel/config.js';
import { migrateDatabase, openDatabase, sql } from '../server/src/kernel/db/client.js';
import { scratchDatabaseUrl } from '../server/test/scratch-database.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { buildApp } from '../server/src/app.js';

const stationCount = Number(process.env.STATIONS ?? 150_000);
const duration = Number(process.env.DURATION ?? 15);
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
           18 + 35 * random(), 75 + 60 * random(), i % 4 = 0, '07:00', '21:00', '{饮水,热饭,充电}'
    from generate_series(1, ${stationCount}) as i`);
  await database.db.execute(sql`analyze stations`);
  console.log(`loaded ${stationCount} stations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await database.close();
}

function start(target: 'app' | 'hello'): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts'], {
      env: { ...env, BENCH_TARGET: target },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /listening (\d+)/.exec(chunk.toString());
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

async function run(port: number, pathFor: () => string) {
  // Warm up, then measure; the server's own latency record is reset just before measuring.
  await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: 3, requests: [{ setupRequest: (req) => ({ ...req, path: pathFor() }) }] });
  await fetch(`http://127.0.0.1:${port}/__bench/latency`);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    requests: [{ setupRequest: (req) => ({ ...req, path: pathFor() }) }],
  });
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

const hello = await start('hello');
const baseline = await run(hello.port, () => '/');
hello.child.kill();
const server = await start('app');
const nearby = await run(server.port, nearbyPath);
server.child.kill();
fs.rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify(
    {
      database: databaseUrl ? 'postgresql' : 'pglite',
      stations: stationCount,
      connections,
      durationSeconds: duration,
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
