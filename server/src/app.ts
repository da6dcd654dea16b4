import fs from 'node:fs';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Config } from './kernel/config.js';
import type { AppContext } from './kernel/context.js';
import { migrateDatabase, openDatabase, type Database } from './kernel/db/client.js';
import { AppError } from './kernel/errors.js';
import { buildHttp, sendError } from './kernel/http.js';
import { drainBackgroundWork } from './kernel/jobs.js';
import { createPiiCipher, loadOrCreateMasterKey } from './kernel/pii.js';
import { registerInputGuard } from './kernel/input-guard.js';
import { AddressQuotas } from './kernel/quota.js';
import { registerSecurityHeaders } from './kernel/security-headers.js';
import { createConsoleSmsProvider, type SmsProvider } from './kernel/sms.js';
import { authRoutes } from './modules/auth/index.js';
import { legalRoutes } from './modules/legal/index.js';
import { memberRoutes, resolveMemberships } from './modules/members/index.js';
import { orgRoutes } from './modules/orgs/index.js';
import { perksRoutes } from './modules/perks/index.js';
import { staffRoutes } from './modules/staff/index.js';
import { stationRoutes } from './modules/stations/index.js';
import { systemRoutes } from './modules/system/index.js';
import { calendarRoutes } from './modules/calendar/index.js';

export interface BuildOptions {
  config: Config;
  database?: Database;
  piiKey?: Buffer;
  sms?: SmsProvider;
  migrate?: boolean;
}

/** The composition root: the kernel's services, then every module's routes, then the web apps. */
export async function buildApp(options: BuildOptions): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const { config } = options;
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') }));
  if (options.migrate !== false) await migrateDatabase(database);
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    pii: createPiiCipher(options.piiKey ?? loadOrCreateMasterKey(config.piiKey, config.dataDir, config.production)),
    sms: options.sms ?? createConsoleSmsProvider((line) => (config.production ? undefined : console.log(line))),
    resolveMembership: resolveMemberships,
    addressQuotas: new AddressQuotas(),
  };
  const app = await buildHttp(ctx);
  await registerSecurityHeaders(app, config);
  registerInputGuard(app);
  await app.register(fastifyMultipart, { limits: { fileSize: 30 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(systemRoutes);
  await app.register(calendarRoutes);
  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(staffRoutes);
  await app.register(memberRoutes);
  await app.register(stationRoutes);
  await app.register(legalRoutes);
  await app.register(perksRoutes);
  await serveWebApps(app, config.webDir);
  app.addHook('onClose', async () => {
    await drainBackgroundWork();
    if (!options.database) await database.close();
  });
  return { app, ctx };
}

async function serveWebApps(app: FastifyInstance, webDir: string | null): Promise<void> {
  const memberDir = webDir ? path.join(webDir, 'member') : null;
  const consoleDir = webDir ? path.join(webDir, 'console') : null;
  const hasMember = memberDir !== null && fs.existsSync(path.join(memberDir, 'index.html'));
  const hasConsole = consoleDir !== null && fs.existsSync(path.join(consoleDir, 'index.html'));
  if (hasConsole) await app.register(fastifyStatic, { root: consoleDir!, prefix: '/console/', decorateReply: false, index: 'index.html' });
  if (hasMember) await app.register(fastifyStatic, { root: memberDir!, prefix: '/', index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    // Client-side routes of the single-page apps fall back to their index.html; the API answers 404.
    if (request.method === 'GET' && !url.startsWith('/api/')) {
      if (hasConsole && (url === '/console' || url.startsWith('/console/')))
        return reply.type('text/html').send(fs.createReadStream(path.join(consoleDir!, 'index.html')));
      if (hasMember && !url.startsWith('/console')) return reply.type('text/html').send(fs.createReadStream(path.join(memberDir!, 'index.html')));
    }
    return sendError(reply, request, new AppError('NOT_FOUND'));
  });
}
