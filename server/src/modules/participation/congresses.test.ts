import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createStaffUser, freshWorld } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { congressWithRepresentatives, signedInMember } from '../../../test/participation.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('congress terms and their representatives', () => {
  it('opens a term, adds members of its subtree once each, lists and removes them', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 2);
    const [first, second] = congress.representatives;
    const view = await t.call('GET', `/api/v1/congresses/${congress.id}`, { token: w.admin.token });
    expect(view.status).toBe(200);
    expect(view.json).toMatchObject({ status: 'active', representatives: 2, kind: 'members_congress' });

    const again = await t.call('POST', `/api/v1/congresses/${congress.id}/representatives`, {
      token: w.admin.token,
      body: { memberId: first!.memberId },
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ALREADY_REPRESENTATIVE');

    const list = await t.call(
      'GET',
      `/api/v1/congresses/${congress.id}/representatives?q=${encodeURIComponent('代表2')}`,
      {
        token: w.admin.token,
      },
    );
    expect(list.json.items.map((r: { id: string }) => r.id)).toEqual([second!.id]);
    expect(list.json.items[0].member.phone).toMatch(/^\d{3}\*{4}\d{4}$/);

    const mine = await t.call('GET', '/api/v1/me/congresses', { token: first!.token });
    expect(mine.json.items).toMatchObject([{ id: congress.id, representativeId: first!.id }]);

    const removed = await t.call('DELETE', `/api/v1/congresses/${congress.id}/representatives/${first!.id}`, {
      token: w.admin.token,
    });
    expect(removed.json.status).toBe('removed');
    expect((await t.call('GET', '/api/v1/me/congresses', { token: first!.token })).json.items).toEqual([]);
    // Back on the same row: their history stays theirs.
    const back = await t.call('POST', `/api/v1/congresses/${congress.id}/representatives`, {
      token: w.admin.token,
      body: { memberId: first!.memberId },
    });
    expect(back.status).toBe(201);
    expect(back.json.id).toBe(first!.id);
  });

  it('refuses members outside the subtree, bad terms, and writes to an archived term', async () => {
    const w = await freshWorld(t);
    const union = await createOrg(t, w.admin.token, w.org.id, 'grassroots');
    const created = await t.call('POST', '/api/v1/congresses', {
      token: w.admin.token,
      body: {
        orgId: union.id,
        name: '职代会',
        kind: 'workers_congress',
        termStartsOn: '2026-01-01',
        termEndsOn: '2028-12-31',
      },
    });
    expect(created.status).toBe(201);
    const outsider = await signedInMember(t, w, '外单位');
    const refused = await t.call('POST', `/api/v1/congresses/${created.json.id}/representatives`, {
      token: w.admin.token,
      body: { memberId: outsider.memberId },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.issues[0]).toMatchObject({ path: 'memberId', code: 'not_eligible' });

    const backwards = await t.call('POST', '/api/v1/congresses', {
      token: w.admin.token,
      body: { orgId: union.id, name: 'x', termStartsOn: '2026-01-01', termEndsOn: '2025-12-31' },
    });
    expect(backwards.status).toBe(400);

    const archived = await t.call('POST', `/api/v1/congresses/${created.json.id}/archive`, { token: w.admin.token });
    expect(archived.json.status).toBe('archived');
    const insider = await signedInMember(t, w, '本单位', union.id);
    const late = await t.call('POST', `/api/v1/congresses/${created.json.id}/representatives`, {
      token: w.admin.token,
      body: { memberId: insider.memberId },
    });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('CONGRESS_ARCHIVED');
  });

  it('is run by participation officers of its subtree only', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 1);
    const other = await freshWorld(t);
    const officer = await createStaffUser(t, w.admin.token, w.org.id, ['participation_officer']);
    const perks = await createStaffUser(t, w.admin.token, w.org.id, ['perks_manager']);
    expect((await t.call('GET', `/api/v1/congresses/${congress.id}`, { token: officer.token })).status).toBe(200);
    expect((await t.call('GET', `/api/v1/congresses/${congress.id}`, { token: perks.token })).status).toBe(403);
    expect((await t.call('GET', `/api/v1/congresses/${congress.id}`, { token: other.admin.token })).status).toBe(404);
    const list = await t.call('GET', '/api/v1/congresses', { token: other.admin.token });
    expect(list.json.items.map((c: { id: string }) => c.id)).not.toContain(congress.id);
    expect(
      (
        await t.call('POST', `/api/v1/congresses/${congress.id}/representatives`, {
          token: other.admin.token,
          body: { memberId: congress.representatives[0]!.memberId },
        })
      ).status,
    ).toBe(404);
  });
});
