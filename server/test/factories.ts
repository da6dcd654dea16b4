import crypto from 'node:crypto';
import { withIdCheckChar } from '../src/kernel/pii.js';
import { sql } from '../src/kernel/db/client.js';
import type { TestApp } from './harness.js';
import { testAdminPassword } from './harness.js';

let counter = 0;
function unique(): string {
  counter++;
  return `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}${counter}`;
}

/** A mobile number unlikely to collide across parallel test files sharing one PostgreSQL. */
export function randomPhone(): string {
  return `1${3 + crypto.randomInt(7)}${String(crypto.randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
}

/**
 * A client address of this test run only: per-address counts (quotas, rate limits) are kept in the database,
 * which the PostgreSQL server keeps across test files and runs.
 */
export function randomAddress(): string {
  return `10.${1 + crypto.randomInt(250)}.${crypto.randomInt(256)}.${1 + crypto.randomInt(250)}`;
}

/** A valid ID-card number; the random area code part keeps parallel files from colliding. */
export function randomIdNumber(): string {
  const area = String(110000 + crypto.randomInt(0, 800000));
  const birth = `19${70 + crypto.randomInt(30)}${String(1 + crypto.randomInt(12)).padStart(2, '0')}${String(1 + crypto.randomInt(28)).padStart(2, '0')}`;
  return withIdCheckChar(`${area}${birth}${String(crypto.randomInt(1000)).padStart(3, '0')}`);
}

export async function rootAdminToken(t: TestApp): Promise<string> {
  const res = await t.call('POST', '/api/v1/auth/staff-login', {
    body: { username: 'admin', password: testAdminPassword },
  });
  if (res.status !== 200) throw new Error(`root admin login failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.token;
}

export interface Org {
  id: string;
  name: string;
}

export async function createOrg(
  t: TestApp,
  token: string,
  parentId: string,
  kind = 'federation',
  regionCode?: string,
): Promise<Org> {
  const res = await t.call('POST', '/api/v1/orgs', {
    token,
    body: { parentId, name: `组织-${unique()}`, kind, ...(regionCode ? { regionCode } : {}) },
  });
  if (res.status !== 201) throw new Error(`create org failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

export interface StaffUser {
  id: string;
  username: string;
  password: string;
  token: string;
}

/** A shop registered in `orgId` with one cashier bound to it (a staff account with the merchant role). */
export async function createShopWithCashier(
  t: TestApp,
  adminToken: string,
  orgId: string,
  name: string,
): Promise<{ shopId: string; cashier: StaffUser }> {
  const shop = await t.call('POST', '/api/v1/merchants', { token: adminToken, body: { orgId, name } });
  if (shop.status !== 201) throw new Error(`create shop failed: ${shop.status} ${JSON.stringify(shop.json)}`);
  const cashier = await createStaffUser(t, adminToken, orgId, ['merchant']);
  const bound = await t.call('POST', `/api/v1/merchants/${shop.json.id}/staff`, {
    token: adminToken,
    body: { staffId: cashier.id },
  });
  if (bound.status !== 200) throw new Error(`bind cashier failed: ${bound.status} ${JSON.stringify(bound.json)}`);
  return { shopId: shop.json.id as string, cashier };
}

export async function createStaffUser(
  t: TestApp,
  adminToken: string,
  orgId: string,
  roles: string[],
): Promise<StaffUser> {
  const username = `u_${unique()}`;
  const password = 'pass-word-123';
  const res = await t.call('POST', '/api/v1/staff', { token: adminToken, body: { username, password, orgId, roles } });
  if (res.status !== 201) throw new Error(`create staff failed: ${res.status} ${JSON.stringify(res.json)}`);
  const login = await t.call('POST', '/api/v1/auth/staff-login', { body: { username, password } });
  return { id: res.json.id, username, password, token: login.json.token };
}

export interface World {
  rootToken: string;
  org: Org;
  admin: StaffUser;
  grassroots: Org;
}

/** A fresh federation with its own org_admin and one grassroots union under it. */
export async function freshWorld(t: TestApp): Promise<World> {
  const rootToken = await rootAdminToken(t);
  const me = await t.call('GET', '/api/v1/me', { token: rootToken });
  const org = await createOrg(t, rootToken, me.json.staff.org.id, 'federation', '610104');
  const admin = await createStaffUser(t, rootToken, org.id, ['org_admin']);
  const grassroots = await createOrg(t, admin.token, org.id, 'grassroots', '610104');
  return { rootToken, org, admin, grassroots };
}

export async function workerLogin(
  t: TestApp,
  phone = randomPhone(),
): Promise<{ token: string; phone: string; member: any }> {
  const sent = await t.call('POST', '/api/v1/auth/sms-code', { body: { phone } });
  if (sent.status !== 202) throw new Error(`sms-code failed: ${sent.status} ${JSON.stringify(sent.json)}`);
  const outbox = await t.call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`);
  const code = outbox.json.items[0].code;
  const res = await t.call('POST', '/api/v1/auth/member-login', { body: { phone, code } });
  if (res.status !== 200) throw new Error(`member-login failed: ${res.status} ${JSON.stringify(res.json)}`);
  return { token: res.json.token, phone, member: res.json.member };
}

/**
 * A county code no other test in this run has, drawn from a sequence in the database the tests share (one
 * PostgreSQL database for every test file, or one PGlite per file). Its city (xxxx00) and province (xx0000)
 * codes are never handed out, and it lies in 81xxxx–89xxxx, which no org of the demo city or the fixtures
 * uses: a centre made for one test never serves another's cases, as random codes could.
 */
export async function freshRegionCode(t: TestApp): Promise<string> {
  await t.ctx.db.execute(sql`create sequence if not exists test_region_codes minvalue 0 start 0`);
  const result = (await t.ctx.db.execute(sql`select nextval('test_region_codes')::int as n`)) as unknown as {
    rows: { n: number }[];
  };
  const n = result.rows[0]!.n;
  const two = (v: number) => String(v).padStart(2, '0');
  return `${81 + Math.floor(n / (99 * 99))}${two(1 + (Math.floor(n / 99) % 99))}${two(1 + (n % 99))}`;
}

/** A rest station open all day in the world's grassroots union, made by its admin. */
export async function createStation(
  t: TestApp,
  w: World,
  name: string,
  address = '团结西路1号',
): Promise<{ id: string; code: string }> {
  const res = await t.call('POST', '/api/v1/stations', {
    token: w.admin.token,
    body: {
      orgId: w.grassroots.id,
      type: 'rest_station',
      name,
      address,
      services: ['饮水'],
      alwaysOpen: true,
      lat: 34.2,
      lng: 108.9,
    },
  });
  if (res.status !== 201) throw new Error(`create station failed: ${res.status} ${JSON.stringify(res.json)}`);
  return { id: res.json.id as string, code: res.json.code as string };
}

/** A member of the world's grassroots union, signed in: their bearer token. */
export async function memberOfWorld(t: TestApp, w: World): Promise<string> {
  const phone = randomPhone();
  const added = await t.call('POST', '/api/v1/members', {
    token: w.admin.token,
    body: { name: '会员', phone, orgId: w.grassroots.id },
  });
  if (added.status !== 201) throw new Error(`add member failed: ${added.status} ${JSON.stringify(added.json)}`);
  return (await workerLogin(t, phone)).token;
}

/**
 * A campaign of the world's federation opening tomorrow: every claim that passes the rate limits is answered 409
 * CAMPAIGN_NOT_OPEN and issues nothing (for tests of the limits). Its claims URL.
 */
export async function campaignOpeningTomorrow(t: TestApp, w: World): Promise<string> {
  const tomorrow = Date.now() + 86_400_000;
  const campaign = await t.call('POST', '/api/v1/voucher-campaigns', {
    token: w.admin.token,
    body: {
      orgId: w.org.id,
      title: '明日开抢',
      quantity: 5,
      perMemberLimit: 1,
      startsAt: new Date(tomorrow).toISOString(),
      endsAt: new Date(tomorrow + 3_600_000).toISOString(),
    },
  });
  if (campaign.status !== 201) throw new Error(`create campaign failed: ${campaign.status}`);
  return `/api/v1/voucher-campaigns/${campaign.json.id}/claims`;
}
