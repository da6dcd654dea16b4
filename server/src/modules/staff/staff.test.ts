import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, freshWorld } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('staff accounts', () => {
  it('creates, lists, changes roles, disables (which ends sessions)', async () => {
    const w = await freshWorld(t);
    const u = await createStaffUser(t, w.admin.token, w.grassroots.id, ['member_manager']);
    const dup = await t.call('POST', '/api/v1/staff', {
      token: w.admin.token,
      body: { username: u.username.toUpperCase(), password: 'another-pass', orgId: w.org.id, roles: ['leader'] },
    });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('USERNAME_TAKEN');
    const list = await t.call('GET', `/api/v1/staff?orgId=${w.org.id}`, { token: w.admin.token });
    expect(list.json.items.map((s: { username: string }) => s.username).sort()).toEqual(
      [w.admin.username, u.username].sort(),
    );
    const patched = await t.call('PATCH', `/api/v1/staff/${u.id}`, {
      token: w.admin.token,
      body: { roles: ['member_manager', 'case_handler'] },
    });
    expect(patched.json.roles).toEqual(['member_manager', 'case_handler']);
    expect((await t.call('GET', '/api/v1/me', { token: u.token })).status).toBe(200);
    await t.call('PATCH', `/api/v1/staff/${u.id}`, { token: w.admin.token, body: { active: false } });
    expect((await t.call('GET', '/api/v1/me', { token: u.token })).status).toBe(401);
    expect(
      (await t.call('POST', '/api/v1/auth/staff-login', { body: { username: u.username, password: u.password } }))
        .status,
    ).toBe(401);
  });

  it('rejects short passwords and unknown roles, and hides other subtrees', async () => {
    const a = await freshWorld(t);
    const b = await freshWorld(t);
    const bad = await t.call('POST', '/api/v1/staff', {
      token: a.admin.token,
      body: { username: 'ab', password: 'short', orgId: a.org.id, roles: ['king'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'password',
      'roles.0',
      'username',
    ]);
    expect((await t.call('GET', `/api/v1/staff/${a.admin.id}`, { token: b.admin.token })).status).toBe(404);
    expect(
      (await t.call('PATCH', `/api/v1/staff/${a.admin.id}`, { token: b.admin.token, body: { active: false } })).status,
    ).toBe(404);
    expect(
      (
        await t.call('POST', '/api/v1/staff', {
          token: b.admin.token,
          body: { username: 'someone', password: 'long-enough', orgId: a.org.id, roles: ['leader'] },
        })
      ).status,
    ).toBe(404);
  });
});
