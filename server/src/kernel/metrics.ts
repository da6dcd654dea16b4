import cluster from 'node:cluster';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from './context.js';
import { queryRows, type PoolUse } from './db/client.js';
import type { SmsProvider } from './sms.js';

/**
 * The app's Prometheus metrics, in a registry of its own (`ctx.metrics`): two apps in one process (tests, a
 * benchmark) count separately, and nothing goes to prom-client's global registry. `metricsText` is the one reader
 * (of the app's registry and the process's).
 */
export interface Metrics {
  readonly registry: Registry;
  /** The process's own metrics (CPU, memory, event loop, GC), the same for every app in the process. */
  readonly process: Registry;
  /** Requests answered, by method, route pattern (never the raw URL) and status. */
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;
  /** Verification codes handed to the SMS provider: `sent`, or `failed` when the provider threw. */
  readonly smsSent: Counter<'provider' | 'outcome'>;
}

/** The route label of a request no route matched: one series for every unknown URL, however many there are. */
export const unmatchedRoute = 'unmatched';

let processMetrics: Registry | undefined;

/**
 * prom-client's process metrics, collected once per process: they describe the process, not an app, and each
 * collection starts a GC observer and an event-loop monitor that nothing stops (one per app would pile up in tests).
 */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  return {
    registry,
    process: processRegistry(),
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from the request arriving to the response being sent, by method and route pattern',
      labelNames: ['method', 'route'],
      // From 1 ms: the map's nearby search answers in a few.
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    smsSent: new Counter({
      name: 'sms_sent_total',
      help: 'SMS handed to the provider, by provider and outcome (sent, failed)',
      labelNames: ['provider', 'outcome'],
      registers: [registry],
    }),
  };
}

/** A scrape must answer even when the database does not: a slow query gives up after this. */
const collectTimeoutMs = 1000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Gauges read at scrape time: the database pool's use (node-postgres only; the embedded database has no pool),
 * import jobs waiting or running (the jobs table, shared by every process), and background work in this process.
 */
export function observeResources(ctx: AppContext): void {
  const { registry } = ctx.metrics;
  const poolUse = ctx.database.poolUse?.bind(ctx.database);
  if (poolUse) {
    const pool = (name: string, help: string, read: (u: PoolUse) => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read(poolUse()));
        },
      });
    pool('db_pool_connections', 'Database connections open in this process', (u) => u.total);
    pool('db_pool_idle_connections', 'Open database connections not in use', (u) => u.idle);
    pool('db_pool_waiting_requests', 'Queries waiting for a database connection', (u) => u.waiting);
  }
  new Gauge({
    name: 'jobs_queue_depth',
    help: 'Import jobs queued or running (all processes: read from the jobs table), by kind and status',
    labelNames: ['kind', 'status'],
    // Every process reads the same table: summing across processes would count each job once per process.
    aggregator: 'max',
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const rows = await withTimeout(
          queryRows<{ kind: string; status: string; n: number }>(
            ctx.db,
            sql`select kind, status, count(*)::int as n from jobs where status in ('queued', 'running') group by kind, status`,
          ),
          collectTimeoutMs,
        );
        for (const r of rows) this.set({ kind: r.kind, status: r.status }, r.n);
      } catch {
        // No series rather than a stale one; /api/health/ready says what is wrong with the database.
      }
    },
  });
  new Gauge({
    name: 'background_work_running',
    help: 'Work running after its request in this process (imports, refreshes)',
    registers: [registry],
    collect() {
      this.set(ctx.background.runningCount);
    },
  });
}

/** The message a cluster worker sends its primary for every worker's metrics, and the primary's answer. */
export const clusterMetricsRequest = 'smart-union:metrics';
export interface ClusterMetricsAnswer {
  type: typeof clusterMetricsRequest;
  id: number;
  text?: string;
  error?: string;
}

let clusterRequests = 0;

/**
 * Every worker's metrics, summed by the primary (WORKERS > 1, server/src/main.ts): a scrape reaches one worker,
 * which asks the primary; the primary asks every worker for its registries (prom-client's AggregatorRegistry).
 */
function clusterMetricsText(): Promise<string> {
  const id = ++clusterRequests;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('the cluster primary did not answer with the metrics'));
    }, 5_000);
    const onMessage = (message: ClusterMetricsAnswer) => {
      if (message?.type !== clusterMetricsRequest || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.text !== undefined) resolve(message.text);
      else reject(new Error(message.error ?? 'no metrics'));
    };
    process.on('message', onMessage);
    process.send!({ type: clusterMetricsRequest, id }, undefined, {}, (error) => {
      if (!error) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      reject(error);
    });
  });
}

/** Makes this app's registries the ones a cluster worker reports to its primary's aggregation. */
export function reportMetricsToCluster(ctx: AppContext): void {
  // prom-client answers the primary's requests once an AggregatorRegistry exists in the worker (its constructor
  // adds the listener); the registries it reports are set apart from it.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([ctx.metrics.registry, ctx.metrics.process]);
}

/** The metrics as Prometheus text: the only reader of the registries; in a cluster worker, every worker's. */
export async function metricsText(ctx: AppContext): Promise<string> {
  const own = () => Registry.merge([ctx.metrics.registry, ctx.metrics.process]).metrics();
  if (!(cluster.isWorker && process.send)) return own();
  try {
    return await clusterMetricsText();
  } catch (error) {
    // A worker that does not answer (hung, starting, gone) must not blind monitoring when it is needed most: this
    // process's own series, marked partial.
    ctx.log.warn({ err: error }, 'cluster metrics unavailable; answering this process’s own');
    return `# HELP metrics_cluster_partial 1 when this scrape holds one server process's series, not the cluster's\n# TYPE metrics_cluster_partial gauge\nmetrics_cluster_partial 1\n${await own()}`;
  }
}

export const metricsContentType = 'text/plain; version=0.0.4; charset=utf-8';

/** Whether an `Authorization` header carries the configured metrics token (compared in constant time). */
export function metricsTokenMatches(configured: string, header: string | undefined): boolean {
  const sent = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '';
  const digest = (s: string) => crypto.createHash('sha256').update(s).digest();
  return crypto.timingSafeEqual(digest(sent), digest(configured)) && sent.length > 0;
}

/**
 * The provider, counting each send in `sms_sent_total` (the composition root wraps whichever provider it uses):
 * everything else passes through untouched, so a provider needs no change to be counted.
 */
export function countingSmsProvider(provider: SmsProvider, metrics: Metrics): SmsProvider {
  const send: SmsProvider['send'] = async (...args) => {
    try {
      const result = await provider.send(...args);
      metrics.smsSent.inc({ provider: provider.name, outcome: 'sent' });
      return result;
    } catch (error) {
      metrics.smsSent.inc({ provider: provider.name, outcome: 'failed' });
      throw error;
    }
  };
  return new Proxy(provider, {
    get(target, property) {
      if (property === 'send') return send;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
