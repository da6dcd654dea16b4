import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '../src/kernel/db/client.js';
import { shanghaiDate } from '../src/kernel/clock.js';
import { testAdminPassword, testPiiKey } from './config.js';
import { freshWorld, randomPhone, type World } from './factories.js';
import { startFakeSmsProvider } from './fake-sms-providers.js';
import { startTestApp, type TestApp } from './harness.js';
import { freePort, whenHealthy } from './processes.js';
import { redisAvailable, startRedis } from './redis.js';
import { scratchDatabaseUrl } from './scratch-database.js';

/**
 * Two server processes — real ones, started from server/src/main.ts in production mode, as two systemd instances
 * would be — on one fresh PostgreSQL database, started at the same moment. Everything one process holds in memory
 * must follow what the other does: migrations and the first administrator (once), the nearby index, the working
 * calendar, sold-out campaigns, the claim rate limits and the SMS cooldown and daily caps.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const smsAccount = { keyId: 'two-processes-key', secret: 'two-processes-secret' };

interface Server {
  url: string;
  child: ChildProcess;
  output: string[];
}

async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { url: `http://127.0.0.1:${port}`, child, output };
}

function whenReady(server: Server): Promise<void> {
  return whenHealthy(server.url, server.child, server.output, 90_000);
}

async function call(
  server: Server,
  method: string,
  url: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.headers ?? {}),
    },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null,
  };
}

/** The next `n` Monday-to-Friday dates after today in Shanghai (YYYY-MM-DD). */
function nextWeekdays(n: number): string[] {
  const days: string[] = [];
  const today = new Date(`${shanghaiDate(new Date())}T00:00:00Z`);
  for (let d = 1; days.length < n; d++) {
    const day = new Date(today.getTime() + d * 86_400_000);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

describe.runIf(Boolean(process.env.DATABASE_URL))(
  '[PostgreSQL server only, DATABASE_URL: the second npm test of .ci/run] two server processes on one database',
  () => {
    let a: Server;
    let b: Server;
    let t: TestApp;
    let w: World;
    let fake: Awaited<ReturnType<typeof startFakeSmsProvider>>;
    let databaseUrl: string;
    let redis: Awaited<ReturnType<typeof startRedis>> | null = null;

    beforeAll(async () => {
      databaseUrl = await scratchDatabaseUrl(process.env.DATABASE_URL!, 'two_processes');
      fake = await startFakeSmsProvider('aliyun', smsAccount);
      // The claim rate limits count in Redis, as REDIS_URL makes them (the database's counters: server/test/app-context).
      redis = redisAvailable ? await startRedis() : null;
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        PII_KEY: testPiiKey.toString('hex'),
        ADMIN_PASSWORD: testAdminPassword,
        WEB_DIR: '',
        LOG_LEVEL: 'warn',
        SMS_PROVIDER: 'aliyun',
        ALIYUN_SMS_ENDPOINT: fake.url,
        ALIYUN_SMS_ACCESS_KEY_ID: smsAccount.keyId,
        ALIYUN_SMS_ACCESS_KEY_SECRET: smsAccount.secret,
        ALIYUN_SMS_SIGN_NAME: '智慧工会',
        ALIYUN_SMS_TEMPLATE_CODE: 'SMS_000000',
        SMS_LIMIT_PER_ADDRESS_PER_DAY: '4',
        ...(redis ? { REDIS_URL: redis.url } : {}),
      };
      // Both at once on an empty database: each migrates and bootstraps under the start-up lock.
      [a, b] = await Promise.all([startServer(env), startServer(env)]);
      await Promise.all([whenReady(a), whenReady(b)]);
      // Set-up through an app in this process on the same database (the factories' helpers).
      t = await startTestApp({ databaseUrl });
      w = await freshWorld(t);
    }, 180_000);

    afterAll(async () => {
      // Both stopped (and gone) before the database and the fake provider they use.
      await Promise.all(
        [a, b].map((server) =>
          server && server.child.exitCode === null
            ? new Promise((resolve) => {
                server.child.once('exit', resolve);
                server.child.kill('SIGTERM');
              })
            : undefined,
        ),
      );
      await t?.close();
      await fake?.close();
      await redis?.close();
    });

    it('applied the migrations once and made one administrator, though both started at once', async () => {
      const [migrations] = await queryRows<{ applied: number; distinct: number }>(
        t.ctx.db,
        sql`select count(*)::int as applied, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations`,
      );
      expect(migrations!.applied).toBeGreaterThan(5);
      expect(migrations!.distinct).toBe(migrations!.applied);
      const [people] = await queryRows<{ admins: number; roots: number; boots: number }>(
        t.ctx.db,
        sql`select (select count(*)::int from staff where username = 'admin') as admins,
                   (select count(*)::int from orgs where parent_id is null) as roots,
                   (select count(*)::int from audit_log where action = 'system.bootstrap') as boots`,
      );
      expect(people).toEqual({ admins: 1, roots: 1, boots: 1 });
    });

    it('finds a station on one process as soon as the other has added it (the change feed, not the 5 s check)', async () => {
      const here = { lat: 34.2 + Math.random() / 10, lng: 108.9 + Math.random() / 10 };
      const nearby = `/api/v1/stations/nearby?lat=${here.lat}&lng=${here.lng}&limit=5`;
      // B's index is loaded now (and checked for others' writes no sooner than 5 s from here).
      expect((await call(b, 'GET', nearby)).status).toBe(200);
      const made = await call(a, 'POST', '/api/v1/stations', {
        token: w.admin.token,
        body: {
          orgId: w.grassroots.id,
          type: 'rest_station',
          name: `双进程驿站${crypto.randomInt(1000)}`,
          address: '测试路1号',
          alwaysOpen: true,
          ...here,
        },
      });
      expect(made.status).toBe(201);
      const until = Date.now() + 2_000;
      let found = false;
      while (!found && Date.now() < until) {
        const answer = await call(b, 'GET', nearby);
        found = answer.json.items.some((s: { code: string }) => s.code === made.json.code);
        if (!found) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(found).toBe(true);
    });

    it('counts working days by the calendar another process has just changed', async () => {
      const [first, second, third] = nextWeekdays(3) as [string, string, string];
      const years = [...new Set([first, second].map((d) => d.slice(0, 4)))];
      for (const year of years) {
        const put = await call(a, 'PUT', `/api/v1/calendar/${year}`, {
          token: w.rootToken,
          body: {
            days: [first, second]
              .filter((d) => d.startsWith(year))
              .map((date) => ({ date, kind: 'holiday', name: '调休测试' })),
          },
        });
        expect(put.status).toBe(200);
      }
      // Filed on B: first contact is due within one working day, which is now the third weekday from today.
      const member = await memberToken(b);
      const filed = await call(b, 'POST', '/api/v1/legal/cases', {
        token: member,
        body: {
          kind: 'mediation',
          category: 'unpaid_wages',
          description: '拖欠三个月工资未发放，多次讨要无果。',
          employer: { name: '某建筑公司', regionCode: '610104' },
        },
      });
      expect(filed.status).toBe(201);
      expect(shanghaiDate(new Date(filed.json.firstContactDueAt))).toBe(third);
    });

    it('never oversells a campaign claimed on both, and a campaign sold out on one is sold out on the other', async () => {
      const campaign = await openCampaign('双进程抢兑', 5);
      const url = `/api/v1/voucher-campaigns/${campaign.json.id}/claims`;
      const members = await Promise.all(Array.from({ length: 12 }, () => memberToken(a)));
      const results = await Promise.all(
        members.map((token, i) => call(i % 2 ? a : b, 'POST', url, { token, headers: { 'idempotency-key': `k${i}` } })),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(5);
      expect(results.filter((r) => r.status === 409).map((r) => r.json.error.code)).toEqual(Array(7).fill('SOLD_OUT'));
      // A winner retrying on the other process gets the same voucher; anyone else, SOLD_OUT on either.
      const winner = results.findIndex((r) => r.status === 201);
      const retry = await call(winner % 2 ? b : a, 'POST', url, {
        token: members[winner]!,
        headers: { 'idempotency-key': `k${winner}` },
      });
      expect(retry.json.voucher.code).toBe(results[winner]!.json.voucher.code);
      for (const server of [a, b]) {
        const late = await call(server, 'POST', url, { token: await memberToken(a) });
        expect(late.json.error.code).toBe('SOLD_OUT');
      }
      const [row] = await queryRows<{ n: number; remaining: number }>(
        t.ctx.db,
        sql`select count(*)::int as n, (select remaining from voucher_campaigns where id = ${campaign.json.id}) as remaining
            from vouchers where campaign_id = ${campaign.json.id}`,
      );
      expect(row).toEqual({ n: 5, remaining: 0 });
    });

    it('holds a member’s claim rate limit across both processes (counted in Redis)', async () => {
      const campaign = await openCampaign('限速测试', 100);
      const token = await memberToken(a);
      const url = `/api/v1/voucher-campaigns/${campaign.json.id}/claims`;
      // 10 claims in 10 s per member: 7 taps on each process, at once.
      const taps = await Promise.all(Array.from({ length: 14 }, (_, i) => call(i % 2 ? a : b, 'POST', url, { token })));
      expect(taps.filter((r) => r.status === 429)).toHaveLength(4);
      expect(taps.filter((r) => r.status === 201)).toHaveLength(1);
    });

    it('holds the SMS cooldown and the daily cap per address across both processes', async () => {
      const phone = randomPhone();
      const both = await Promise.all([a, b].map((s) => call(s, 'POST', '/api/v1/auth/sms-code', { body: { phone } })));
      expect(both.map((r) => r.status).sort()).toEqual([202, 429]);
      expect(fake.received(phone)).toHaveLength(1);
      // SMS_LIMIT_PER_ADDRESS_PER_DAY=4 for 127.0.0.1, which has asked for codes in the tests above: count what is left.
      const [used] = await queryRows<{ n: number }>(
        t.ctx.db,
        sql`select count(*)::int as n from sms_codes where client_address in ('127.0.0.1', '::ffff:127.0.0.1')`,
      );
      const left = Math.max(0, 4 - used!.n);
      const burst = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          call(i % 2 ? a : b, 'POST', '/api/v1/auth/sms-code', { body: { phone: randomPhone() } }),
        ),
      );
      expect(burst.filter((r) => r.status === 202)).toHaveLength(Math.min(left, 6));
      expect(burst.filter((r) => r.status === 429)).toHaveLength(6 - Math.min(left, 6));
    });

    /** A campaign of the world's federation, open from a minute ago for an hour, one voucher per member. */
    async function openCampaign(title: string, quantity: number) {
      const campaign = await call(a, 'POST', '/api/v1/voucher-campaigns', {
        token: w.admin.token,
        body: {
          orgId: w.org.id,
          title,
          quantity,
          perMemberLimit: 1,
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        },
      });
      expect(campaign.status).toBe(201);
      return campaign;
    }

    /** A member of the world's grassroots union, signed in on `server` with the code the fake provider received. */
    async function memberToken(server: Server): Promise<string> {
      const phone = randomPhone();
      await t.call('POST', '/api/v1/members', {
        token: w.admin.token,
        body: { name: '会员', phone, orgId: w.grassroots.id },
      });
      // The code comes from the in-process app's console provider, asked from another address than the processes'
      // requests (127.0.0.1), whose daily cap the last test counts.
      const sent = await t.call('POST', '/api/v1/auth/sms-code', { body: { phone }, remoteAddress: '192.0.2.200' });
      expect(sent.status).toBe(202);
      const code = (await t.call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`)).json.items[0].code as string;
      const login = await call(server, 'POST', '/api/v1/auth/member-login', { body: { phone, code } });
      expect(login.status).toBe(200);
      return login.json.token as string;
    }
  },
);
