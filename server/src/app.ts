import fs from 'node:fs';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from './kernel/config.js';
import type { AppContext } from './kernel/context.js';
import { migrateDatabase, openDatabase, type Database } from './kernel/db/client.js';
import { AppError } from './kernel/errors.js';
import { SessionLookups } from './kernel/auth.js';
import { ChangeFeed } from './kernel/changes.js';
import { RedisCounters, SharedCounters } from './kernel/counters.js';
import { systemClock, WorkingCalendarStore, type Clock } from './kernel/clock.js';
import { createHttp, sendError, setUpHttp } from './kernel/http.js';
import { BackgroundWork } from './kernel/jobs.js';
import { countingSmsProvider, createMetrics, observeResources } from './kernel/metrics.js';
import { Readiness } from './kernel/readiness.js';
import type { LogDestination } from './kernel/request-log.js';
import { ModuleState, type AppModule } from './kernel/module.js';
import { createPiiCipher, loadOrCreateMasterKey } from './kernel/pii.js';
import { registerInputGuard } from './kernel/input-guard.js';
import { AddressQuotas } from './kernel/quota.js';
import { registerSecurityHeaders } from './kernel/security-headers.js';
import type { SmsProvider } from './kernel/sms.js';
import { createSmsProvider } from './kernel/sms-providers.js';
import { createFileStorage, type FileStorage } from './kernel/storage.js';
import { activitiesModule } from './modules/activities/index.js';
import { authModule } from './modules/auth/index.js';
import { calendarModule } from './modules/calendar/index.js';
import { hardshipModule } from './modules/hardship/index.js';
import { legalModule } from './modules/legal/index.js';
import { membersModule, resolveMemberships } from './modules/members/index.js';
import { orgsModule } from './modules/orgs/index.js';
import { participationModule } from './modules/participation/index.js';
import { perksModule } from './modules/perks/index.js';
import { programmesModule } from './modules/programmes/index.js';
import { staffModule } from './modules/staff/index.js';
import { stationsModule } from './modules/stations/index.js';
import { systemModule } from './modules/system/index.js';

/** Every module of the app, in the order their routes are registered. */
export const modules: readonly AppModule[] = [
  systemModule,
  calendarModule,
  authModule,
  orgsModule,
  staffModule,
  membersModule,
  stationsModule,
  legalModule,
  perksModule,
  programmesModule,
  participationModule,
  hardshipModule,
  activitiesModule,
];

export interface BuildOptions {
  config: Config;
  database?: Database;
  piiKey?: Buffer;
  sms?: SmsProvider;
  /** Where uploaded files' bytes go; by default made from `config.storage`. */
  fileStorage?: FileStorage;
  migrate?: boolean;
  /** The time the app reads (tests set it); the system clock by default. */
  clock?: Clock;
  /** Where the JSON log lines go instead of stdout (tests read them). */
  logDestination?: LogDestination;
}

/** The composition root: the kernel's services, then every module's routes, then the web apps. */
export async function buildApp(options: BuildOptions): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const { config } = options;
  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') }));
  if (options.migrate !== false) await migrateDatabase(database);
  const app = createHttp(config, options.logDestination);
  const clock = options.clock ?? systemClock;
  const counters = new SharedCounters(database.db);
  const metrics = createMetrics();
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    pii: createPiiCipher(options.piiKey ?? loadOrCreateMasterKey(config.piiKey, config.dataDir, config.production)),
    sms: options.sms ?? createSmsProvider(config, { clock, log: app.log }),
    fileStorage: options.fileStorage ?? createFileStorage(config.storage),
    sessions: new SessionLookups(database.db, resolveMemberships),
    counters,
    rateCounters: config.redisUrl ? new RedisCounters(config.redisUrl) : counters,
    addressQuotas: new AddressQuotas(counters),
    clock,
    calendar: new WorkingCalendarStore(),
    log: app.log,
    background: new BackgroundWork(app.log),
    changes: new ChangeFeed(database, app.log),
    state: new ModuleState(),
    metrics,
    readiness: new Readiness(),
  };
  // Metrics: every SMS sent counted by provider and outcome, the pool and job queue read at each scrape.
  ctx.sms = countingSmsProvider(ctx.sms, metrics);
  observeResources(ctx);
  for (const m of modules) m.register?.(ctx);
  await setUpHttp(app, ctx);
  registerSecurityHeaders(app, config);
  registerInputGuard(app);
  // Each upload route reads its one file with the limit of its kind (readSingleUpload); a form field is never needed,
  // so the few allowed are cut at 1 KB: no upload request buffers more than its file and ~10 KB besides.
  await app.register(fastifyMultipart, {
    limits: { fileSize: 30 * 1024 * 1024, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
  });
  for (const m of modules) await app.register(m.routes);
  await serveWebApps(app, config.webDir);
  const { rateCounters } = ctx;
  if (rateCounters instanceof RedisCounters) ctx.readiness.require('redis', () => rateCounters.ping());
  app.addHook('onReady', async () => {
    ctx.background.every('counters.prune', 10 * 60_000, () => ctx.counters.prune(ctx.clock.now()));
    for (const m of modules) await m.start?.(ctx);
    ctx.readiness.started();
  });
  // From here on /api/health/ready answers 503: load balancers stop sending requests while the app drains.
  app.addHook('preClose', async () => ctx.readiness.closing());
  app.addHook('onClose', async () => {
    // No more change notifications; running imports finish (they write to the database), then the modules' state
    // goes, then the database.
    await ctx.changes.close();
    await ctx.background.close();
    await ctx.rateCounters.close();
    for (const failure of await ctx.state.close())
      ctx.log.error({ err: failure.error, state: failure.name }, 'closing module state failed');
    if (!options.database) await database.close();
  });
  return { app, ctx };
}

/** Build output under assets/ is named by its content hash: cached for a year. Anything else (HTML, sw.js, the manifest, icons) is revalidated on every use. */
function cacheHeaders(root: string) {
  return (res: SetHeadersResponse, file: string) => {
    const hashed = path.relative(root, file).startsWith(`assets${path.sep}`);
    res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    // The same URL answers brotli, gzip or plain bytes by Accept-Encoding: shared caches must key on it.
    res.setHeader('vary', 'Accept-Encoding');
  };
}

/**
 * A single-page app's index.html for a path: with the build files of that route's page announced
 * (modulepreload, styles) as the build listed them in `.vite/preload.json` (web/build/vite-plugins.ts),
 * so the browser fetches the page alongside the entry instead of after running it.
 */
function spaIndex(dir: string): (url: string) => string {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const manifest = path.join(dir, '.vite', 'preload.json');
  const routes = fs.existsSync(manifest)
    ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { routes: { path: string; files: string[] }[] }).routes
    : [];
  const pages = new Map<string, string>();
  return (url) => {
    const route = routes.find((r) => (r.path.endsWith('/*') ? url.startsWith(r.path.slice(0, -1)) : url === r.path));
    if (!route) return html;
    let page = pages.get(route.path);
    if (page === undefined) {
      const links = route.files.map((f) =>
        f.endsWith('.css')
          ? `<link rel="stylesheet" crossorigin href="${f}">`
          : `<link rel="modulepreload" crossorigin href="${f}">`,
      );
      page = html.replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
      pages.set(route.path, page);
    }
    return page;
  };
}

async function serveWebApps(app: FastifyInstance, webDir: string | null): Promise<void> {
  const memberDir = webDir ? path.join(webDir, 'member') : null;
  const consoleDir = webDir ? path.join(webDir, 'console') : null;
  const hasMember = memberDir !== null && fs.existsSync(path.join(memberDir, 'index.html'));
  const hasConsole = consoleDir !== null && fs.existsSync(path.join(consoleDir, 'index.html'));
  // The build writes .br and .gz next to each file (web/build/vite-plugins.ts): sent as the client accepts.
  // No index: every page, / included, is the app's index.html for that route (below).
  // A directory (/, /console/) is never a file to send: it falls through to the route-aware index below, whatever
  // the client's Accept-Encoding (without one, the static plugin would refuse the directory with a 403).
  const staticOptions = (root: string) => ({
    root,
    index: false as const,
    preCompressed: true,
    cacheControl: false,
    setHeaders: cacheHeaders(root),
    allowedPath: (pathName: string) => !pathName.endsWith('/'),
  });
  if (hasConsole)
    await app.register(fastifyStatic, { ...staticOptions(consoleDir!), prefix: '/console/', decorateReply: false });
  if (hasMember) await app.register(fastifyStatic, { ...staticOptions(memberDir!), prefix: '/' });
  const memberIndex = hasMember ? spaIndex(memberDir!) : null;
  const consoleIndex = hasConsole ? spaIndex(consoleDir!) : null;
  const sendIndex = (reply: FastifyReply, html: string) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    // Client-side routes of the single-page apps get their index.html; the API and missing build files
    // (an old chunk after a deployment) answer 404: HTML in place of a script helps no one.
    const asset = url.startsWith('/assets/') || url.startsWith('/console/assets/');
    if ((request.method === 'GET' || request.method === 'HEAD') && !url.startsWith('/api/') && !asset) {
      if (consoleIndex && (url === '/console' || url.startsWith('/console/')))
        return sendIndex(reply, consoleIndex(url));
      if (memberIndex && !url.startsWith('/console')) return sendIndex(reply, memberIndex(url));
    }
    return sendError(reply, request, new AppError('NOT_FOUND'));
  });
}
