import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../server/src/app.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { loadConfig } from '../server/src/kernel/config.js';
import { scratchDatabaseUrl } from '../server/test/scratch-database.js';

export const e2eAdminPassword = 'e2e-admin-pass';

/** Starts the real server (built web apps, demo city) on a free port for the browser tests. */
export default async function setup(project: TestProject) {
  // With DATABASE_URL the browser journeys get a database of their own on the same server, made anew.
  const databaseUrl = process.env.DATABASE_URL ? await scratchDatabaseUrl(process.env.DATABASE_URL, 'e2e') : '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'su-e2e-'));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    ADMIN_PASSWORD: e2eAdminPassword,
    DEMO_DATA: '1',
    WEB_DIR: path.resolve('dist/web'),
    LOG_LEVEL: 'warn',
  });
  if (!fs.existsSync(path.join(config.webDir!, 'member', 'index.html')))
    throw new Error('build the web apps first (npm run build:web)');
  // The server's time, which a journey may move on (a public notice's days passing) through POST /e2e/clock.
  const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
  const { app, ctx } = await buildApp({ config: { ...config, smsLimitPerAddressPerDay: 100_000 }, clock });
  app.post('/e2e/clock', { schema: { hide: true } }, async (request) => {
    clock.offsetMs = Number((request.body as { offsetMs?: unknown }).offsetMs) || 0;
    return { now: clock.now().toISOString() };
  });
  await bootstrap(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // The port is known only now; QR codes must point at this very server.
  ctx.config.publicUrl = `http://127.0.0.1:${port}`;
  project.provide('baseUrl', ctx.config.publicUrl);
  return async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
