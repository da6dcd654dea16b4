import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { loadConfig, type Config } from './kernel/config.js';
import { migrateDatabase } from './kernel/db/client.js';
import { clusterMetricsRequest, reportMetricsToCluster, type ClusterMetricsAnswer } from './kernel/metrics.js';

/**
 * The server. With WORKERS=N (N > 1) this process forks N server processes that share the port (node's cluster
 * module: the primary accepts connections and hands them out) and restarts any that dies; the primary itself
 * holds no app. Each server process migrates and bootstraps under one database-wide lock, so N processes — or N
 * systemd instances, or several machines — starting at once apply migrations once and create one administrator.
 */
const config = configOrExit();
if (config.workers > 1 && cluster.isPrimary) superviseWorkers(config.workers);
else await serve(config);

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    console.error(`Smart Union cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}

async function serve(config: Config): Promise<void> {
  const { app, ctx } = await buildApp({ config, migrate: false });
  if (cluster.isWorker) reportMetricsToCluster(ctx);
  const result = await ctx.database.exclusive('startup', async () => {
    await migrateDatabase(ctx.database);
    return bootstrap(ctx);
  });
  if (result.generatedAdminPassword) {
    console.log(
      `\n  First start: created the root organisation and the account "admin" with password: ${result.generatedAdminPassword}\n  (shown once; set ADMIN_PASSWORD to choose it)\n`,
    );
  }
  if (result.demoLoaded)
    console.log('  Demo city loaded (西安市总工会). Staff accounts use the password "demo12345"; see README.');
  await app.listen({ port: config.port, host: config.host });
  if (!cluster.isWorker || cluster.worker?.id === 1)
    console.log(
      `  Smart Union is running: member app ${config.publicUrl}/  console ${config.publicUrl}/console/  API docs ${config.publicUrl}/api/docs`,
    );

  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    // In-flight requests are answered and running imports finish before the process ends.
    void app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        ctx.log.error({ err: error }, 'closing the app failed');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, close);
  // A cluster worker is told to stop by its primary (disconnect), not by a signal of its own.
  if (cluster.isWorker) cluster.worker?.once('disconnect', close);
}

function superviseWorkers(count: number): void {
  let stopping = false;
  const started = new Map<Worker, number>();
  const restarts = new Set<ReturnType<typeof setTimeout>>();
  const fork = () => {
    const worker = cluster.fork();
    // A message to a worker that has just gone fails here, not as an uncaught error of the primary.
    worker.on('error', (error) => console.error(`server process ${worker.process.pid}: ${error.message}`));
    started.set(worker, Date.now());
  };
  // A scrape of /api/metrics reaches one worker, which asks here for every worker's metrics, summed.
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== clusterMetricsRequest) return;
    const answer = (result: Omit<ClusterMetricsAnswer, 'type' | 'id'>) => {
      if (worker.isConnected())
        worker.send({ type: clusterMetricsRequest, id: message.id, ...result }, () => undefined);
    };
    aggregator.clusterMetrics().then(
      (text) => answer({ text }),
      (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
  for (let i = 0; i < count; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    const since = started.get(worker) ?? 0;
    started.delete(worker);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    console.error(`server process ${worker.process.pid} ended (${signal ?? code}); starting another`);
    // A process that dies at once (bad configuration, database down) is restarted after a pause, not in a loop.
    const timer = setTimeout(
      () => {
        restarts.delete(timer);
        if (!stopping) fork();
      },
      Date.now() - since < 5_000 ? 5_000 : 0,
    );
    restarts.add(timer);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stopping = true;
      for (const timer of restarts) clearTimeout(timer);
      if (started.size === 0) process.exit(0);
      for (const worker of started.keys()) worker.disconnect();
      // A worker that cannot finish within the stop timeout is ended.
      setTimeout(() => {
        for (const worker of started.keys()) worker.kill('SIGKILL');
        process.exit(1);
      }, 30_000).unref();
    });
}
