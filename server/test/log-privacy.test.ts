import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createShopWithCashier,
  createStaffUser,
  freshRegionCode,
  freshWorld,
  randomIdNumber,
  randomPhone,
  rootAdminToken,
} from './factories.js';
import { startTestApp, testAdminPassword, type Reply, type TestApp } from './harness.js';
import { uploadFile, waitForJob, workbook } from './uploads.js';

/**
 * The log of a whole journey — sign-in by SMS, applications and members with phones and ID numbers, searches by
 * phone, an Excel import, a legal case, a voucher, a station, refusals carrying personal data — read back line by
 * line at the most talkative level: every line JSON with its request id, and not one phone, ID number, code,
 * password or token in any of it.
 */
const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(
    { logLevel: 'trace' },
    {
      logDestination: {
        write: (line: string) => {
          lines.push(line);
        },
      },
    },
  );
});
afterAll(async () => {
  await t.close();
});

/** What must never be logged, by what it is (for the failure message). */
const secrets = new Map<string, string>();
const keep = (what: string, value: string) => {
  secrets.set(value, what);
  return value;
};
/** A phone as people type it in a spreadsheet: 139 1234 5678. */
const spaced = (phone: string) => `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;

async function journey(): Promise<void> {
  const ok = (what: string, res: Reply, status: number): Reply => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.json)}`);
    return res;
  };
  keep('admin password', testAdminPassword);
  const root = keep('root token', await rootAdminToken(t));
  const world = await freshWorld(t);
  keep('staff password', world.admin.password);
  keep('staff token', world.admin.token);
  keep('root token', world.rootToken);

  // A worker signs in by SMS, applies to the union with an ID number, and is approved.
  const workerPhone = keep('worker phone', randomPhone());
  ok('sms code', await t.call('POST', '/api/v1/auth/sms-code', { body: { phone: workerPhone } }), 202);
  const outbox = await t.call('GET', `/api/v1/dev/sms-outbox?phone=${workerPhone}`);
  const code = keep('sms code', outbox.json.items[0].code as string);
  const wrongCode = code === '000000' ? '111111' : '000000';
  ok(
    'wrong code',
    await t.call('POST', '/api/v1/auth/member-login', { body: { phone: workerPhone, code: wrongCode } }),
    401,
  );
  const login = ok(
    'login',
    await t.call('POST', '/api/v1/auth/member-login', { body: { phone: workerPhone, code } }),
    200,
  );
  const worker = keep('worker token', login.json.token as string);
  const applicantId = keep('applicant ID number', randomIdNumber());
  const application = ok(
    'application',
    await t.call('POST', '/api/v1/membership-applications', {
      token: worker,
      body: { orgId: world.grassroots.id, name: '刘洋', idNumber: applicantId, occupation: '外卖骑手' },
      headers: { 'idempotency-key': `apply-${applicantId}` },
    }),
    201,
  );
  ok(
    'approve',
    await t.call('POST', `/api/v1/membership-applications/${application.json.id}/actions`, {
      token: world.admin.token,
      body: { action: 'approve' },
    }),
    200,
  );
  ok('me', await t.call('GET', '/api/v1/me', { token: worker }), 200);
  ok('card', await t.call('GET', '/api/v1/me/member-card', { token: worker }), 200);

  // Staff register a member, find members by phone, ID number and name, and read the full numbers.
  const memberPhone = keep('member phone', randomPhone());
  const memberId = keep('member ID number', randomIdNumber());
  const member = ok(
    'member',
    await t.call('POST', '/api/v1/members', {
      token: world.admin.token,
      body: { name: '王建国', phone: memberPhone, idNumber: memberId, orgId: world.grassroots.id, employer: '某公司' },
    }),
    201,
  );
  ok(
    'member again',
    await t.call('POST', '/api/v1/members', {
      token: world.admin.token,
      body: { name: '王建国', phone: memberPhone, idNumber: memberId, orgId: world.grassroots.id },
    }),
    409,
  );
  for (const q of [memberPhone, memberId, '王建国', workerPhone])
    ok(
      'search',
      await t.call('GET', `/api/v1/members?orgId=${world.org.id}&q=${encodeURIComponent(q)}`, {
        token: world.admin.token,
      }),
      200,
    );
  ok(
    'export',
    await t.call('GET', `/api/v1/members/export.xlsx?orgId=${world.org.id}&q=${memberPhone}`, {
      token: world.admin.token,
    }),
    200,
  );
  ok(
    'pii read',
    await t.call('POST', `/api/v1/members/${member.json.id}/pii-reads`, { token: world.admin.token }),
    200,
  );
  ok('member', await t.call('GET', `/api/v1/members/${member.json.id}`, { token: world.admin.token }), 200);

  // An Excel import: good rows, a spaced phone, and rows the import refuses.
  const importPhones = [randomPhone(), randomPhone(), randomPhone()].map((p) => keep('imported phone', p));
  const importIds = [randomIdNumber(), randomIdNumber()].map((p) => keep('imported ID number', p));
  const badId = keep(
    'imported bad ID number',
    `${importIds[0]!.slice(0, 17)}${importIds[0]!.endsWith('1') ? '2' : '1'}`,
  );
  const badPhone = keep('imported bad phone', `${randomPhone().slice(0, 10)}`);
  const sheet = await workbook([
    ['姓名', '手机号', '身份证号'],
    ['李四', importPhones[0], importIds[0]],
    ['赵六', spaced(importPhones[1]!), importIds[1]],
    ['钱七', importPhones[2], badId],
    ['孙八', badPhone, ''],
    ['王建国', memberPhone, memberId],
  ]);
  const imported = await uploadFile(
    t,
    `/api/v1/members/imports?orgId=${world.grassroots.id}`,
    world.admin.token,
    '会员.xlsx',
    sheet,
  );
  expect(imported.status).toBe(202);
  const job = await waitForJob(t, `/api/v1/members/imports/${imported.json.id}`, world.admin.token);
  expect(job.failed).toBeGreaterThan(0);
  ok(
    'errors',
    await t.call('GET', `/api/v1/members/imports/${imported.json.id}/errors.xlsx`, { token: world.admin.token }),
    200,
  );

  // A legal case naming a phone in its text; the centre's handler reads the applicant's phone.
  const regionCode = await freshRegionCode(t);
  ok(
    'region',
    await t.call('PATCH', `/api/v1/orgs/${world.org.id}`, { token: world.admin.token, body: { regionCode } }),
    200,
  );
  const center = await createOrg(t, world.admin.token, world.org.id, 'center', regionCode);
  const handler = await createStaffUser(t, world.admin.token, center.id, ['case_handler']);
  keep('handler token', handler.token);
  const bossPhone = keep('phone in a case', randomPhone());
  const evidence = await uploadFile(
    t,
    '/api/v1/legal/evidence',
    worker,
    `工资条-${workerPhone}.pdf`,
    Buffer.from('%PDF-1.4\n%%EOF\n'),
  );
  expect(evidence.status).toBe(201);
  const legalCase = ok(
    'case',
    await t.call('POST', '/api/v1/legal/cases', {
      token: worker,
      body: {
        kind: 'mediation',
        category: 'unpaid_wages',
        description: `拖欠三个月工资未发放，老板电话 ${bossPhone}，身份证 ${applicantId}。`,
        employer: { name: '顺达快递西安分公司', regionCode, address: '未央区凤城二路10号' },
        attachmentIds: [evidence.json.id],
      },
    }),
    201,
  );
  const caseId = legalCase.json.id as string;
  ok(
    'accept',
    await t.call('POST', `/api/v1/legal/cases/${caseId}/actions`, { token: handler.token, body: { action: 'accept' } }),
    200,
  );
  ok(
    'phone read',
    await t.call('POST', `/api/v1/legal/cases/${caseId}/applicant-phone-reads`, { token: handler.token }),
    200,
  );
  ok('case', await t.call('GET', `/api/v1/legal/cases/${caseId}`, { token: worker }), 200);

  // A voucher: claimed by the new member, redeemed at a shop.
  const { shopId, cashier } = await createShopWithCashier(t, world.admin.token, world.grassroots.id, '爱心商家');
  keep('cashier password', cashier.password);
  keep('cashier token', cashier.token);
  const campaign = ok(
    'campaign',
    await t.call('POST', '/api/v1/voucher-campaigns', {
      token: world.admin.token,
      body: {
        orgId: world.grassroots.id,
        title: '体验券',
        merchantId: shopId,
        quantity: 5,
        perMemberLimit: 1,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    }),
    201,
  );
  const claim = ok(
    'claim',
    await t.call('POST', `/api/v1/voucher-campaigns/${campaign.json.id}/claims`, { token: worker }),
    201,
  );
  const voucher = keep('voucher code', claim.json.voucher.code as string);
  ok('vouchers', await t.call('GET', '/api/v1/me/vouchers', { token: worker }), 200);
  ok(
    'redeem',
    await t.call('POST', '/api/v1/merchant/redemptions', { token: cashier.token, body: { code: voucher } }),
    200,
  );

  // A station with its keeper's phone, edited, found on the map.
  const keeperPhone = keep('station phone', randomPhone());
  const station = ok(
    'station',
    await t.call('POST', '/api/v1/stations', {
      token: world.admin.token,
      body: {
        orgId: world.grassroots.id,
        type: 'rest_station',
        name: '户外劳动者驿站',
        address: '莲湖路1号',
        lat: 34.27,
        lng: 108.93,
        alwaysOpen: true,
        phone: keeperPhone,
      },
    }),
    201,
  );
  const newKeeper = keep('station phone', randomPhone());
  ok(
    'edit',
    await t.call('PATCH', `/api/v1/stations/${station.json.code}`, {
      token: world.admin.token,
      body: { phone: newKeeper, supplies: '饮水、充电' },
    }),
    200,
  );
  ok('nearby', await t.call('GET', '/api/v1/stations/nearby?lat=34.27&lng=108.93'), 200);

  // A fault: the database fails the search by name. Drizzle's error quotes the query's parameters (the name searched
  // for) and PostgreSQL's detail quotes a row; the log keeps the error's type, code and stack, not those.
  const client = (t.ctx.db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
  const query = client.query;
  client.query = function (this: unknown, ...args: unknown[]) {
    if (!JSON.stringify(args).includes(keep('name searched for', '王建国'))) return query.apply(this, args);
    const fault = Object.assign(new Error(`terminating connection; row (${memberPhone})`), {
      code: '57P01',
      detail: `Key (phone)=(${memberPhone}) is the one`,
    });
    return Promise.reject(fault);
  };
  try {
    const failed = await t.call('GET', `/api/v1/members?orgId=${world.org.id}&q=${encodeURIComponent('王建国')}`, {
      token: world.admin.token,
    });
    ok('fault', failed, 500);
  } finally {
    client.query = query;
  }

  // Refusals carrying personal data: in the URL, the query, the body, a body that is not JSON, the headers.
  const strangerPhone = keep('phone in a URL', randomPhone());
  const strangerId = keep('ID number in a URL', randomIdNumber());
  ok(
    'unknown url',
    await t.call('GET', `/api/v1/people/${strangerPhone}?idNumber=${strangerId}`, { token: world.admin.token }),
    404,
  );
  ok('malformed station code', await t.call('GET', `/api/v1/stations/${strangerPhone}`), 400);
  ok('bad uuid', await t.call('GET', `/api/v1/members/${strangerId}`, { token: world.admin.token }), 400);
  ok(
    'bad member',
    await t.call('POST', '/api/v1/members', {
      token: world.admin.token,
      body: {
        name: '张三',
        phone: `${strangerPhone}9`,
        idNumber: `${strangerId.slice(0, 17)}Z`,
        orgId: world.grassroots.id,
      },
    }),
    400,
  );
  const broken = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sms-code',
    headers: { 'content-type': 'application/json' },
    payload: `{"phone": "${strangerPhone}", "idNumber": "${strangerId}"`,
  });
  expect(broken.statusCode).toBe(400);
  ok(
    'bad password',
    await t.call('POST', '/api/v1/auth/staff-login', {
      body: { username: world.admin.username, password: keep('wrong password', 'not-the-password-42') },
    }),
    401,
  );
  ok('stale token', await t.call('GET', '/api/v1/me', { token: keep('made-up token', `${strangerPhone}-token`) }), 401);
  ok('logout', await t.call('POST', '/api/v1/auth/logout', { token: worker }), 204);
  ok('signed out', await t.call('GET', '/api/v1/me', { token: worker }), 401);
  keep('root token', root);
}

describe('the log of a full run', () => {
  it('is JSON lines with request ids, and holds no phone, ID number, code, password or token', async () => {
    await journey();
    const text = lines.join('');
    const records = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

    // Non-trivial: every request was logged, by route pattern, with its id and outcome.
    const completed = records.filter((r) => r.msg === 'request completed');
    const answered = (await t.ctx.metrics.httpRequests.get()).values.reduce((sum, v) => sum + v.value, 0);
    expect(completed.length).toBe(answered);
    expect(completed.length).toBeGreaterThan(50);
    for (const r of completed) {
      expect(r.reqId).toEqual(expect.any(String));
      expect(r).toMatchObject({
        req: { method: expect.any(String), route: expect.any(String) },
        res: { statusCode: expect.any(Number) },
      });
      expect(r.responseTime).toEqual(expect.any(Number));
    }
    const routes = new Set(completed.map((r) => (r.req as { route: string }).route));
    for (const route of [
      '/api/v1/members/:id',
      '/api/v1/members',
      '/api/v1/auth/member-login',
      '/api/v1/stations/:code',
      'unmatched',
    ])
      expect(routes).toContain(route);
    // Refusals at debug, by code only.
    const refusals = records.filter((r) => r.msg === 'request refused').map((r) => r.code);
    expect(refusals).toEqual(
      expect.arrayContaining(['INVALID_CODE', 'VALIDATION_FAILED', 'MEMBER_EXISTS', 'BAD_REQUEST']),
    );
    // Lines of one request share its id.
    const ids = new Set(completed.map((r) => r.reqId));
    expect(ids.size).toBe(completed.length);
    for (const r of records.filter((r) => r.msg === 'request refused')) expect(ids).toContain(r.reqId);

    // The fault at error level, with its stack and its request's id.
    const faults = records.filter((r) => r.level === 50);
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({
      msg: 'unhandled error',
      code: 'INTERNAL',
      reqId: expect.any(String),
      err: { type: 'DrizzleQueryError', stack: expect.stringContaining('\n    at '), cause: { code: '57P01' } },
    });
    expect(ids).toContain(faults[0]!.reqId);

    const found: string[] = [];
    for (const [value, what] of secrets) {
      const digits = value.replace(/[^0-9Xx]/g, '');
      const variants = new Set([value, value.toLowerCase(), ...(digits.length >= 6 ? [digits] : [])]);
      if (/^1\d{10}$/.test(value)) variants.add(spaced(value));
      for (const v of variants) {
        // A short code is looked for as a number of its own, not inside a longer one (a time, a pid).
        const pattern = new RegExp(`(?<![0-9A-Za-z])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z])`);
        if (v.length >= 10 ? text.includes(v) : pattern.test(text)) found.push(`${what}: ${v}`);
      }
    }
    expect(secrets.size).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });
});
