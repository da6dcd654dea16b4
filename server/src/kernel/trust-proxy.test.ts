import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshWorld, randomPhone } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { loadConfig } from './config.js';

/**
 * Client addresses of this run only (in 198.18.0.0/15, set aside for tests): on a PostgreSQL server the
 * per-address SMS counts live in a database that other test files, and earlier runs, share.
 */
const block = `198.${crypto.randomInt(18, 20)}.${crypto.randomInt(0, 256)}`;
const client = (n: number) => `${block}.${n}`;
/** Forwarded-for addresses a script would make up, one per request. */
const madeUp = (i: number) => client(1 + i);

/** Signs a phone in from an address of its own (the per-address SMS limit here is tiny). */
async function memberLogin(t: TestApp, phone: string, remoteAddress: string): Promise<{ token: string }> {
  expect((await t.call('POST', '/api/v1/auth/sms-code', { body: { phone }, remoteAddress })).status).toBe(202);
  const code = (await t.call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`)).json.items[0].code as string;
  const login = await t.call('POST', '/api/v1/auth/member-login', { body: { phone, code } });
  return { token: login.json.token };
}

describe('TRUST_PROXY', () => {
  let plain: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    plain = await startTestApp({ smsLimitPerAddressPerDay: 2, claimLimitPerAddress: 2 });
    proxied = await startTestApp({
      smsLimitPerAddressPerDay: 2,
      claimLimitPerAddress: 2,
      trustProxy: ['10.20.0.0/16', '192.0.2.7'],
    });
  });
  afterAll(async () => {
    await plain.close();
    await proxied.close();
  });

  async function smsStatuses(t: TestApp, remoteAddress: string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.call('POST', '/api/v1/auth/sms-code', {
        body: { phone: randomPhone() },
        remoteAddress,
        headers: { 'x-forwarded-for': madeUp(i) },
      });
      statuses.push(res.status);
    }
    return statuses;
  }

  it('ignores X-Forwarded-For by default: a made-up address per request does not escape the per-address SMS limit', async () => {
    expect(await smsStatuses(plain, client(10))).toEqual([202, 202, 429]);
  });

  it('believes X-Forwarded-For from a configured proxy (CIDR or address), and only from it', async () => {
    expect(await smsStatuses(proxied, '10.20.3.4')).toEqual([202, 202, 202]);
    expect(await smsStatuses(proxied, client(11))).toEqual([202, 202, 429]);
    // Behind the proxy, each client is counted on its own address.
    const behind = () =>
      proxied.call('POST', '/api/v1/auth/sms-code', {
        body: { phone: randomPhone() },
        remoteAddress: '192.0.2.7',
        headers: { 'x-forwarded-for': client(12) },
      });
    expect([(await behind()).status, (await behind()).status, (await behind()).status]).toEqual([202, 202, 429]);
  });

  it('counts voucher claims per address the same way', async () => {
    async function claims(t: TestApp, remoteAddress: string): Promise<number[]> {
      const w = await freshWorld(t);
      const now = Date.now();
      const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
        token: w.admin.token,
        body: {
          orgId: w.org.id,
          title: '体验券',
          quantity: 10,
          perMemberLimit: 1,
          startsAt: new Date(now - 60_000).toISOString(),
          endsAt: new Date(now + 3_600_000).toISOString(),
        },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const phone = randomPhone();
        await t.call('POST', '/api/v1/members', {
          token: w.admin.token,
          body: { name: '会员', phone, orgId: w.grassroots.id },
        });
        const { token } = await memberLogin(t, phone, client(20 + i));
        const res = await t.call('POST', `/api/v1/voucher-campaigns/${campaign.json.id}/claims`, {
          token,
          remoteAddress,
          headers: { 'x-forwarded-for': madeUp(i) },
        });
        statuses.push(res.status);
      }
      return statuses;
    }
    expect(await claims(plain, client(13))).toEqual([201, 201, 429]);
    expect(await claims(proxied, '10.20.9.9')).toEqual([201, 201, 201]);
  });

  it('reads TRUST_PROXY as addresses and CIDRs, none by default, and refuses anything else', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['true', '*', '10.0.0.0/33', 'proxy.example.com', '10.0.0.1/8/2'])
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
  });
});
