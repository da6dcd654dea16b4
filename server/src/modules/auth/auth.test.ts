import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshWorld, randomPhone, workerLogin } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { hashToken } from '../../kernel/auth.js';
import { queryRows, sql } from '../../kernel/db/client.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('SMS sign-in', () => {
  it('sends a code, signs in a phone outside the registry as a non-member worker', async () => {
    const phone = randomPhone();
    const sent = await t.call('POST', '/api/v1/auth/sms-code', { body: { phone } });
    expect(sent.status).toBe(202);
    expect(sent.json).toEqual({ cooldownSeconds: 60 });
    const outbox = await t.call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`);
    expect(outbox.json.items).toHaveLength(1);
    expect(outbox.json.items[0].code).toMatch(/^\d{6}$/);
    const login = await t.call('POST', '/api/v1/auth/member-login', {
      body: { phone, code: outbox.json.items[0].code },
    });
    expect(login.status).toBe(200);
    expect(login.json.member).toMatchObject({
      isMember: false,
      memberId: null,
      phone: `${phone.slice(0, 3)}****${phone.slice(7)}`,
    });
    const me = await t.call('GET', '/api/v1/me', { token: login.json.token });
    expect(me.json.kind).toBe('worker');
    // member-only services answer 403 MEMBERSHIP_REQUIRED
    const card = await t.call('GET', '/api/v1/me/member-card', { token: login.json.token });
    expect(card.status).toBe(403);
    expect(card.json.error.code).toBe('MEMBERSHIP_REQUIRED');
  });

  it('allows one code a minute per phone with Retry-After', async () => {
    const phone = randomPhone();
    expect((await t.call('POST', '/api/v1/auth/sms-code', { body: { phone } })).status).toBe(202);
    const again = await t.call('POST', '/api/v1/auth/sms-code', { body: { phone } });
    expect(again.status).toBe(429);
    expect(again.json.error.code).toBe('RATE_LIMITED');
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('bounds codes per client address per day', async () => {
    const limited = await startTestApp({ smsLimitPerAddressPerDay: 2 });
    try {
      const remoteAddress = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      for (let i = 0; i < 2; i++)
        expect(
          (await limited.call('POST', '/api/v1/auth/sms-code', { body: { phone: randomPhone() }, remoteAddress }))
            .status,
        ).toBe(202);
      const third = await limited.call('POST', '/api/v1/auth/sms-code', {
        body: { phone: randomPhone() },
        remoteAddress,
      });
      expect(third.status).toBe(429);
      expect(third.json.error.details.reason).toBe('address_daily_limit');
    } finally {
      await limited.close();
    }
  });

  it('rejects a wrong code, kills the code after five wrong tries, and never reuses a code', async () => {
    const phone = randomPhone();
    await t.call('POST', '/api/v1/auth/sms-code', { body: { phone } });
    const code = (await t.call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`)).json.items[0].code as string;
    const wrong = code === '000000' ? '111111' : '000000';
    const bad = await t.call('POST', '/api/v1/auth/member-login', { body: { phone, code: wrong } });
    expect(bad.status).toBe(401);
    expect(bad.json.error.code).toBe('INVALID_CODE');
    const ok = await t.call('POST', '/api/v1/auth/member-login', { body: { phone, code } });
    expect(ok.status).toBe(200);
    const reuse = await t.call('POST', '/api/v1/auth/member-login', { body: { phone, code } });
    expect(reuse.status).toBe(401);

    const phone2 = randomPhone();
    await t.call('POST', '/api/v1/auth/sms-code', { body: { phone: phone2 } });
    const code2 = (await t.call('GET', `/api/v1/dev/sms-outbox?phone=${phone2}`)).json.items[0].code as string;
    const wrong2 = code2 === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      await t.call('POST', '/api/v1/auth/member-login', { body: { phone: phone2, code: wrong2 } });
    expect((await t.call('POST', '/api/v1/auth/member-login', { body: { phone: phone2, code: code2 } })).status).toBe(
      401,
    );
  });

  it('shows the dev outbox only to a client on this machine', async () => {
    const phone = randomPhone();
    await t.call('POST', '/api/v1/auth/sms-code', { body: { phone } });
    for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const res = await t.call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`, { remoteAddress });
      expect({ remoteAddress, status: res.status, items: res.json.items?.length }).toEqual({
        remoteAddress,
        status: 200,
        items: 1,
      });
    }
    for (const remoteAddress of ['203.0.113.5', '10.0.0.2', '::ffff:192.168.1.20']) {
      const res = await t.call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`, { remoteAddress });
      expect({ remoteAddress, status: res.status, code: res.json.error.code }).toEqual({
        remoteAddress,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
    // A reverse proxy on this machine relays other people's requests: they are not local.
    const relayed = await t.call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`, {
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(relayed.status).toBe(404);
  });

  it('validates the phone with a field path and a localised message', async () => {
    const zh = await t.call('POST', '/api/v1/auth/sms-code', { body: { phone: '12345' } });
    expect(zh.status).toBe(400);
    expect(zh.json.error.code).toBe('VALIDATION_FAILED');
    expect(zh.json.error.details.issues[0]).toMatchObject({ path: 'phone', code: 'invalid_phone' });
    expect(zh.json.error.details.issues[0].message).toContain('手机号');
    const en = await t.call('POST', '/api/v1/auth/sms-code', {
      body: { phone: '12345' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.json.error.message).toBe('Some fields are invalid; see details');
    expect(en.json.error.details.issues[0].message).toContain('mobile');
  });

  it('answers 400, not 500, for malformed JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sms-code',
      headers: { 'content-type': 'application/json' },
      payload: '{"phone":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });
});

describe('staff sign-in', () => {
  it('signs in with argon2id, logs out, and the token stops working', async () => {
    const w = await freshWorld(t);
    const me = await t.call('GET', '/api/v1/me', { token: w.admin.token });
    expect(me.json).toMatchObject({
      kind: 'staff',
      staff: { username: w.admin.username, roles: ['org_admin'], org: { id: w.org.id } },
    });
    const out = await t.call('POST', '/api/v1/auth/logout', { token: w.admin.token });
    expect(out.status).toBe(204);
    const after = await t.call('GET', '/api/v1/me', { token: w.admin.token });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('UNAUTHENTICATED');
  });

  it('locks the account after five failures in 15 minutes, even for the right password', async () => {
    const w = await freshWorld(t);
    for (let i = 0; i < 5; i++) {
      const res = await t.call('POST', '/api/v1/auth/staff-login', {
        body: { username: w.admin.username, password: 'wrong-password' },
      });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await t.call('POST', '/api/v1/auth/staff-login', {
      body: { username: w.admin.username, password: w.admin.password },
    });
    expect(locked.status).toBe(423);
    expect(locked.json.error.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('locks the account against a burst: 30 wrong passwords and the right one sent at once never sign in', async () => {
    const w = await freshWorld(t);
    const attempt = (password: string) =>
      t.call('POST', '/api/v1/auth/staff-login', { body: { username: w.admin.username.toUpperCase(), password } });
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, () => attempt('wrong-password')),
      attempt(w.admin.password),
    ]);
    const statuses = answers.map((a) => a.status);
    // Each attempt takes a slot before its password is checked: five get checked (and fail), the rest find the account locked.
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 423)).toHaveLength(26);
    expect(statuses[30]).toBe(423);
    expect((await attempt(w.admin.password)).status).toBe(423);
  });

  it('expires idle and absolutely old sessions, and activity extends the idle deadline', async () => {
    const w = await freshWorld(t);
    const hash = hashToken(w.admin.token);
    await t.ctx.db.execute(
      sql`update sessions set last_seen_at = now() - interval '2 minutes', idle_expires_at = now() + interval '1 minute' where token_hash = ${hash}`,
    );
    expect((await t.call('GET', '/api/v1/me', { token: w.admin.token })).status).toBe(200);
    const [row] = await queryRows<{ left: number }>(
      t.ctx.db,
      sql`select extract(epoch from idle_expires_at - now())::int as left from sessions where token_hash = ${hash}`,
    );
    expect(row!.left).toBeGreaterThan(25 * 60);

    await t.ctx.db.execute(
      sql`update sessions set idle_expires_at = now() - interval '1 second' where token_hash = ${hash}`,
    );
    expect((await t.call('GET', '/api/v1/me', { token: w.admin.token })).status).toBe(401);

    const again = await t.call('POST', '/api/v1/auth/staff-login', {
      body: { username: w.admin.username, password: w.admin.password },
    });
    const hash2 = hashToken(again.json.token);
    await t.ctx.db.execute(
      sql`update sessions set absolute_expires_at = now() - interval '1 second' where token_hash = ${hash2}`,
    );
    expect((await t.call('GET', '/api/v1/me', { token: again.json.token })).status).toBe(401);
  });

  it('answers 401 to a garbage token and to no token on a protected route', async () => {
    expect((await t.call('GET', '/api/v1/me', { token: 'nope' })).status).toBe(401);
    expect((await t.call('GET', '/api/v1/me')).status).toBe(401);
  });

  it('signs a registered member in as a member', async () => {
    const w = await freshWorld(t);
    const phone = randomPhone();
    const created = await t.call('POST', '/api/v1/members', {
      token: w.admin.token,
      body: { name: '李君', phone, orgId: w.grassroots.id },
    });
    expect(created.status).toBe(201);
    const login = await workerLogin(t, phone);
    expect(login.member).toMatchObject({
      isMember: true,
      memberId: created.json.id,
      name: '李君',
      org: { id: w.grassroots.id },
    });
    const card = await t.call('GET', '/api/v1/me/member-card', { token: login.token });
    expect(card.status).toBe(200);
    expect(card.json).toMatchObject({ name: '李君', org: { id: w.grassroots.id } });
  });
});
