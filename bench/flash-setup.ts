/**
 * The set-up the flash benchmarks share (bench:claims, bench:votes, bench:ballots): a scratch database on the real
 * PostgreSQL server, an app built in this process to make a union and its members (each signed in), and the lines of
 * the report that say which machine ran it.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/src/app.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { createSession } from '../server/src/kernel/auth.js';
import { loadConfig } from '../server/src/kernel/config.js';
import type { AppContext } from '../server/src/kernel/context.js';
import { workerAccounts } from '../server/src/kernel/db/kernel.tables.js';
import { maskPhone } from '../server/src/kernel/pii.js';
import { members, memberSecrets } from '../server/src/modules/members/index.js';
import { scratchDatabaseUrl } from '../server/test/scratch-database.js';

const adminPassword = 'bench-admin-pass';

/**
 * The environment of bench:`name`: a fresh database `<DATABASE_URL's>_<name>` (the process exits 2 without
 * DATABASE_URL), a new PII key, no web apps, errors only in the log; `extra` on top (the per-address limits).
 */
export async function flashEnv(
  name: string,
  extra: Record<string, string> = {},
): Promise<{ databaseUrl: string; env: NodeJS.ProcessEnv }> {
  if (!process.env.DATABASE_URL) {
    console.error(`bench:${name} runs against a real PostgreSQL server: set DATABASE_URL`);
    process.exit(2);
  }
  const databaseUrl = await scratchDatabaseUrl(process.env.DATABASE_URL, name);
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    ADMIN_PASSWORD: adminPassword,
    PII_KEY: crypto.randomBytes(32).toString('hex'),
    ...extra,
    WEB_DIR: '',
    LOG_LEVEL: 'error',
  };
  return { databaseUrl, env };
}

/**
 * The app in this process (closed by the caller once the set-up is done), its first administrator signed in, and a
 * grassroots union `unionName` under the root.
 */
export async function setUpUnion(
  env: NodeJS.ProcessEnv,
  unionName: string,
): Promise<{ app: FastifyInstance; ctx: AppContext; asAdmin: { authorization: string }; union: { id: string } }> {
  const { app, ctx } = await buildApp({ config: loadConfig(env) });
  await bootstrap(ctx);
  const admin = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/staff-login',
      payload: { username: 'admin', password: adminPassword },
    })
  ).json();
  const asAdmin = { authorization: `Bearer ${admin.token}` };
  const union = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: asAdmin,
      payload: { parentId: admin.staff.org.id, name: unionName, kind: 'grassroots' },
    })
  ).json();
  return { app, ctx, asAdmin, union };
}

/**
 * `count` members of `orgId`, written 500 at a time straight into the tables (phones `<phonePrefix>00000000`, …), each
 * with a member account signed in: their session tokens, in order. `alsoFor` runs on each batch's new member ids (the
 * motion bench makes them representatives).
 */
export async function signedInMembers(
  ctx: AppContext,
  orgId: string,
  options: {
    count: number;
    phonePrefix: string;
    name(i: number): string;
    alsoFor?(memberIds: string[]): Promise<unknown>;
  },
): Promise<string[]> {
  const { count, phonePrefix } = options;
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 500) {
    const batch = Array.from(
      { length: Math.min(500, count - i) },
      (_, j) => `${phonePrefix}${String(i + j).padStart(8, '0')}`,
    );
    const added = await ctx.db
      .insert(members)
      .values(batch.map((phone, j) => ({ orgId, name: options.name(i + j), ...memberSecrets(ctx, phone, undefined) })))
      .returning({ id: members.id });
    await options.alsoFor?.(added.map((m) => m.id));
    const accounts = await ctx.db
      .insert(workerAccounts)
      .values(
        batch.map((phone) => ({
          phoneHash: ctx.pii.blindIndex('phone', phone),
          phoneEnc: ctx.pii.encrypt(phone),
          phoneMasked: maskPhone(phone),
        })),
      )
      .returning({ id: workerAccounts.id });
    tokens.push(
      ...(await Promise.all(accounts.map((a) => createSession(ctx.db, 'worker', a.id, ctx.config, ctx.clock.now())))),
    );
  }
  return tokens;
}

/** The round in the middle by `measure` (the upper one of an even count). */
export function medianBy<T>(rounds: T[], measure: (round: T) => number): T {
  return [...rounds].sort((a, b) => measure(a) - measure(b))[Math.floor(rounds.length / 2)]!;
}

/** The report's last lines: Node, the CPUs, the load average when the bench started and now. */
export function machineReport(loadAtStart: number[]) {
  return {
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    loadAverageAtStart: loadAtStart.map((l) => Number(l.toFixed(2))),
    loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}
