/**
 * The server under benchmark, in its own process: the real app (BENCH_TARGET=app) or Fastify's
 * hello world (BENCH_TARGET=hello). Prints "listening <port>"; GET /__bench/latency answers the
 * server-side latency percentiles of the requests it served since the last call.
 */
import cluster from 'node:cluster';
import fs from 'node:fs';
import inspector from 'node:inspector';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../server/src/app.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { loadConfig } from '../server/src/kernel/config.js';
import { migrateDatabase } from '../server/src/kernel/db/client.js';

const samples: number[] = [];
// CPU time this process used since the last /__bench/latency call, as a share of the wall time:
// near 1 means the server was the bottleneck; well below 1, the client (or the machine) held it back.
let cpuFrom = process.cpuUsage();
let wallFrom = process.hrtime.bigint();

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function instrument(app: FastifyInstance) {
  app.addHook('onResponse', async (req, reply) => {
    if (!req.url.startsWith('/__bench')) samples.push(reply.elapsedTime);
  });
  // Profiles just the measured phase (BENCH_PROFILE=file.cpuprofile), not the start-up.
  const profile = process.env.BENCH_PROFILE;
  if (profile) {
    const session = new inspector.Session();
    session.connect();
    const post = (method: string) =>
      new Promise<unknown>((resolve, reject) =>
        session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
      );
    app.get('/__bench/profile/start', async () => {
      await post('Profiler.enable');
      await post('Profiler.start');
      return { ok: true };
    });
    app.get('/__bench/profile/stop', async () => {
      const result = (await post('Profiler.stop')) as { profile: unknown };
      fs.writeFileSync(profile, JSON.stringify(result.profile));
      return { ok: true };
    });
  }
  app.get('/__bench/latency', async () => {
    const sorted = samples.splice(0).sort((a, b) => a - b);
    const cpu = process.cpuUsage(cpuFrom);
    const wallMicros = Number(process.hrtime.bigint() - wallFrom) / 1000;
    cpuFrom = process.cpuUsage();
    wallFrom = process.hrtime.bigint();
    const cpuShare = wallMicros > 0 ? (cpu.user + cpu.system) / wallMicros : 0;
    return {
      count: sorted.length,
      cpuShare,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? 0,
    };
  });
}

// BENCH_WORKERS=N (N > 1): N server processes sharing the port, as WORKERS=N runs production (node cluster; the
// stations and the admin exist already, each worker builds its own app). The primary only forks and relays.
const workers = Number(process.env.BENCH_WORKERS ?? 1);
if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  for (let i = 0; i < workers; i++) {
    const worker = cluster.fork();
    worker.on('message', (message: { port?: number }) => {
      // Workers listening on port 0 share one port: announced once all are up.
      if (message.port && ++listening === workers) console.log(`listening ${message.port}`);
    });
  }
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    process.exit(0);
  });
} else await serveOne();

async function serveOne(): Promise<void> {
  let app: FastifyInstance;
  if (process.env.BENCH_TARGET === 'hello') {
    app = Fastify({ logger: false });
    instrument(app);
    app.get('/', async () => ({ hello: 'world' }));
  } else {
    const config = { ...loadConfig({ ...process.env, WEB_DIR: '', LOG_LEVEL: 'error' }) };
    const built = await buildApp({ config, migrate: false });
    await built.ctx.database.exclusive('startup', async () => {
      await migrateDatabase(built.ctx.database);
      await bootstrap(built.ctx);
    });
    app = built.app;
    instrument(app);
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  if (cluster.isWorker) process.send!({ port });
  else console.log(`listening ${port}`);
  process.on('SIGTERM', () => process.exit(0));
}
