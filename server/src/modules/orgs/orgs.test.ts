import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createStaffUser, freshWorld } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('organisation tree', () => {
  it('creates children under the caller’s subtree with kind and region code', async () => {
    const w = await freshWorld(t);
    const street = await t.call('POST', '/api/v1/orgs', {
      token: w.admin.token,
      body: { parentId: w.org.id, name: '团结西路街道总工会', kind: 'federation', regionCode: '610104' },
    });
    expect(street.status).toBe(201);
    expect(street.json).toMatchObject({
      parentId: w.org.id,
      kind: 'federation',
      regionCode: '610104',
      depth: 2,
      childCount: 0,
    });
    const union = await createOrg(t, w.admin.token, street.json.id, 'grassroots');
    const detail = await t.call('GET', `/api/v1/orgs/${union.id}`, { token: w.admin.token });
    expect(detail.status).toBe(200);
    expect(detail.json.ancestors.map((a: { id: string }) => a.id)).toEqual([w.org.id, street.json.id]);
    const children = await t.call('GET', `/api/v1/orgs/${w.org.id}/children?limit=1`, { token: w.admin.token });
    expect(children.json.items).toHaveLength(1);
    expect(children.json.nextCursor).not.toBeNull();
    const next = await t.call('GET', `/api/v1/orgs/${w.org.id}/children?limit=1&cursor=${children.json.nextCursor}`, {
      token: w.admin.token,
    });
    expect(next.json.items).toHaveLength(1);
    expect(next.json.items[0].id).not.toBe(children.json.items[0].id);
    expect(next.json.nextCursor).toBeNull();
    const search = await t.call('GET', `/api/v1/orgs?q=${encodeURIComponent('团结西路')}`, { token: w.admin.token });
    expect(search.json.items.map((o: { id: string }) => o.id)).toEqual([street.json.id]);
  });

  it('refuses a duplicate name under one parent, bad kinds and bad region codes', async () => {
    const w = await freshWorld(t);
    const body = { parentId: w.org.id, name: '重复的名字', kind: 'grassroots' };
    expect((await t.call('POST', '/api/v1/orgs', { token: w.admin.token, body })).status).toBe(201);
    const dup = await t.call('POST', '/api/v1/orgs', { token: w.admin.token, body });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('ORG_NAME_TAKEN');
    const bad = await t.call('POST', '/api/v1/orgs', {
      token: w.admin.token,
      body: { parentId: w.org.id, name: '', kind: 'club', regionCode: '61' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'kind',
      'name',
      'regionCode',
    ]);
  });

  it('hides other subtrees (404) and needs org_admin to create (403)', async () => {
    const a = await freshWorld(t);
    const b = await freshWorld(t);
    expect((await t.call('GET', `/api/v1/orgs/${a.org.id}`, { token: b.admin.token })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/orgs/${a.org.id}/children`, { token: b.admin.token })).status).toBe(404);
    expect(
      (
        await t.call('POST', '/api/v1/orgs', {
          token: b.admin.token,
          body: { parentId: a.org.id, name: 'x', kind: 'grassroots' },
        })
      ).status,
    ).toBe(404);
    // staff of a child cannot see the parent
    const childAdmin = await createStaffUser(t, a.admin.token, a.grassroots.id, ['org_admin']);
    expect((await t.call('GET', `/api/v1/orgs/${a.org.id}`, { token: childAdmin.token })).status).toBe(404);
    const manager = await createStaffUser(t, a.admin.token, a.org.id, ['member_manager']);
    expect((await t.call('GET', `/api/v1/orgs/${a.grassroots.id}`, { token: manager.token })).status).toBe(200);
    // A programme officer reads the tree their programmes' review chains run up.
    const officer = await createStaffUser(t, a.admin.token, a.org.id, ['programme_officer']);
    expect((await t.call('GET', `/api/v1/orgs/${a.org.id}/children`, { token: officer.token })).status).toBe(200);
    // Assistance officers and field workers pick a union of their subtree for the leads queue and the archives.
    for (const role of ['assistance_officer', 'assistance_worker']) {
      const staff = await createStaffUser(t, a.admin.token, a.org.id, [role]);
      const found = await t.call('GET', `/api/v1/orgs?q=${encodeURIComponent(a.grassroots.name)}`, {
        token: staff.token,
      });
      expect(found.status).toBe(200);
      expect(found.json.items.map((o: { id: string }) => o.id)).toContain(a.grassroots.id);
    }
    const denied = await t.call('POST', '/api/v1/orgs', {
      token: manager.token,
      body: { parentId: a.org.id, name: '新工会', kind: 'grassroots' },
    });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe('FORBIDDEN');
  });

  it('renames an org', async () => {
    const w = await freshWorld(t);
    const res = await t.call('PATCH', `/api/v1/orgs/${w.grassroots.id}`, {
      token: w.admin.token,
      body: { name: '新名字工会', regionCode: '610103' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: '新名字工会', regionCode: '610103' });
  });

  it('lists grassroots unions publicly for membership applications', async () => {
    const w = await freshWorld(t);
    const res = await t.call('GET', `/api/v1/union-directory?q=${encodeURIComponent(w.grassroots.name)}`);
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([
      { id: w.grassroots.id, name: w.grassroots.name, regionCode: '610104', parentName: w.org.name },
    ]);
    const fed = await t.call('GET', `/api/v1/union-directory?q=${encodeURIComponent(w.org.name)}`);
    expect(fed.json.items.map((o: { id: string }) => o.id)).not.toContain(w.org.id);
  });
});
