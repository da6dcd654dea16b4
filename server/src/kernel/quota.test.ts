import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshWorld, randomAddress, randomPhone, type World } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { loadConfig } from './config.js';
import { AddressQuotas, secondsToShanghaiMidnight } from './quota.js';

/** Signs a phone in from `address` (the SMS request counts per address too, so it says where it comes from). */
async function workerFrom(t: TestApp, address: string): Promise<string> {
  const phone = randomPhone();
  expect((await t.call('POST', '/api/v1/auth/sms-code', { body: { phone }, remoteAddress: address })).status).toBe(202);
  const code = (await t.call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`)).json.items[0].code as string;
  return (await t.call('POST', '/api/v1/auth/member-login', { body: { phone, code } })).json.token as string;
}

// Addresses of this run only (the PostgreSQL server keeps per-address counts across runs).
const [address0, address1, address2, address3, address4, address5] = Array.from({ length: 6 }, randomAddress) as [
  string,
  string,
  string,
  string,
  string,
  string,
];

const legalCase = {
  kind: 'mediation',
  category: 'unpaid_wages',
  description: '拖欠三个月工资未发放，多次讨要无果。',
  employer: { name: '某建筑公司', regionCode: '610104' },
};

describe('daily limits on writes that fill staff queues', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    // The shipped limits: 5 cases per applicant and 100 per address a day; 3 and 100 for membership applications.
    t = await startTestApp({ queueLimits: loadConfig({}).queueLimits });
    w = await freshWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const file = (token: string, address: string, headers: Record<string, string> = {}) =>
    t.call('POST', '/api/v1/legal/cases', { token, body: legalCase, remoteAddress: address, headers });

  it('takes five legal cases a day from one applicant, then 429 with Retry-After until Shanghai midnight — even in a burst', async () => {
    const token = await workerFrom(t, address0);
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => file(token, address0, { 'idempotency-key': `burst-${i}` })),
    );
    expect(burst.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = burst.filter((r) => r.status === 429);
    expect(refused).toHaveLength(7);
    expect(refused[0]!.json.error).toMatchObject({
      code: 'RATE_LIMITED',
      details: { reason: 'applicant_daily_limit', limit: 5 },
    });
    const retryAfter = Number(refused[0]!.headers['retry-after']);
    expect(Math.abs(retryAfter - secondsToShanghaiMidnight(new Date()))).toBeLessThanOrEqual(5);
    // A retry of an accepted case still gets its answer; the limit holds from another address too.
    const accepted = burst.findIndex((r) => r.status === 201);
    const replay = await file(token, address0, { 'idempotency-key': `burst-${accepted}` });
    expect(replay.status).toBe(201);
    expect(replay.json.id).toBe(burst[accepted]!.json.id);
    expect((await file(token, address3)).status).toBe(429);
  });

  it('takes 100 legal cases a day from one client address, whoever files them', async () => {
    const address = address4;
    const tokens = await Promise.all(Array.from({ length: 21 }, () => workerFrom(t, '203.0.113.1')));
    const statuses: number[] = [];
    for (const token of tokens.slice(0, 20))
      for (let i = 0; i < 5; i++) statuses.push((await file(token, address)).status);
    expect(statuses.every((s) => s === 201)).toBe(true);
    const over = await file(tokens[20]!, address);
    expect(over.status).toBe(429);
    expect(over.json.error.details.reason).toBe('address_daily_limit');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // A refused request does not count, and another address is not held back.
    expect((await file(tokens[20]!, address5)).status).toBe(201);
  });

  it('takes three membership applications a day from one worker (withdrawing and applying again included)', async () => {
    const token = await workerFrom(t, address1);
    const apply = () =>
      t.call('POST', '/api/v1/membership-applications', {
        token,
        body: { orgId: w.grassroots.id, name: '王师傅' },
        remoteAddress: address1,
      });
    for (let i = 0; i < 3; i++) {
      const submitted = await apply();
      expect(submitted.status).toBe(201);
      expect(
        (
          await t.call('POST', `/api/v1/membership-applications/${submitted.json.id}/actions`, {
            token,
            body: { action: 'withdraw' },
          })
        ).status,
      ).toBe(200);
    }
    const fourth = await apply();
    expect(fourth.status).toBe(429);
    expect(fourth.json.error.details).toMatchObject({ reason: 'applicant_daily_limit', limit: 3 });
  });

  it('never lets a burst of applications leave two pending', async () => {
    const token = await workerFrom(t, address2);
    const burst = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.call('POST', '/api/v1/membership-applications', { token, body: { orgId: w.grassroots.id, name: '赵师傅' } }),
      ),
    );
    expect(burst.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });
});

describe('address quotas (counted in the database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('count per kind and address, and start afresh each Shanghai day', async () => {
    const quotas = new AddressQuotas(t.ctx.counters);
    // The PostgreSQL server keeps counters across runs: addresses of this run only.
    const [a, b] = [
      `10.9.${Math.floor(Math.random() * 250)}.${crypto.randomInt(250)}`,
      `fd00::${crypto.randomUUID().slice(0, 4)}`,
    ];
    const kind = `legal_case_${crypto.randomUUID()}`;
    const evening = new Date('2026-03-01T15:30:00Z'); // 23:30 in Shanghai
    await quotas.take(t.ctx.db, kind, a, 2, evening);
    await quotas.take(t.ctx.db, kind, a, 2, evening);
    await expect(quotas.take(t.ctx.db, kind, a, 2, evening)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      headers: { 'retry-after': '1800' },
    });
    await expect(quotas.check(t.ctx.db, kind, a, 2, evening)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await quotas.take(t.ctx.db, `${kind}_other`, a, 2, evening);
    await quotas.take(t.ctx.db, kind, b, 2, evening);
    const morning = new Date('2026-03-01T16:00:01Z'); // just past midnight in Shanghai
    await quotas.take(t.ctx.db, kind, a, 2, morning);
    expect(secondsToShanghaiMidnight(morning)).toBe(86_399);
  });
});
