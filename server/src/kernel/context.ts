import type { FastifyBaseLogger } from 'fastify';
import type { SessionLookups } from './auth.js';
import type { ChangeFeed } from './changes.js';
import type { RateCounters, SharedCounters } from './counters.js';
import type { Clock, WorkingCalendarStore } from './clock.js';
import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import type { BackgroundWork } from './jobs.js';
import type { Metrics } from './metrics.js';
import type { ModuleState } from './module.js';
import type { PiiCipher } from './pii.js';
import type { AddressQuotas } from './quota.js';
import type { Readiness } from './readiness.js';
import type { SmsProvider } from './sms.js';
import type { FileStorage } from './storage.js';

/** The app's logger (pino, the one Fastify logs requests with): for work outside a request. */
export type Logger = FastifyBaseLogger;

/**
 * What every module's routes and services get: the kernel's services, no module's internals. Everything that lives
 * as long as the app does is here — made by the composition root (app.ts), closed when the app closes — so two apps
 * in one process (tests, a benchmark) share nothing, and a deployment of several processes has one place to look.
 */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  pii: PiiCipher;
  sms: SmsProvider;
  /** Where uploaded files' bytes live: the uploads directory or an S3 bucket (kernel/storage.ts). */
  fileStorage: FileStorage;
  /** Sessions and memberships (by the members module's resolver) of concurrent requests, looked up together (kernel/auth.ts). */
  sessions: SessionLookups;
  /** Counts per key and period shared by every server process: rate limits, quotas (kernel/counters.ts). */
  counters: SharedCounters;
  /** What rate limits count with: `counters`, or Redis when REDIS_URL is set. */
  rateCounters: RateCounters;
  /** Today's queue-filling writes per client address (kernel/quota.ts). */
  addressQuotas: AddressQuotas;
  /** The time: every "now" of the server comes from here (tests set it). */
  clock: Clock;
  /** Public holidays and make-up working days that working-day deadlines count by; the calendar module loads it. */
  calendar: WorkingCalendarStore;
  /** Logs of work outside a request (background work, refreshes); requests log with `request.log`. */
  log: Logger;
  /** Imports running after their request, and refreshes that repeat (kernel/jobs.ts). */
  background: BackgroundWork;
  /** Writes told to every server process on the database, for their caches (kernel/changes.ts). */
  changes: ChangeFeed;
  /** Each module's per-app state, in slots the module defines (kernel/module.ts). */
  state: ModuleState;
  /** This app's Prometheus registry and the counters the kernel keeps (kernel/metrics.ts; read by `metricsText`). */
  metrics: Metrics;
  /** Starting, ready or closing, and the start-up work modules ask to be waited for (kernel/readiness.ts). */
  readiness: Readiness;
}
