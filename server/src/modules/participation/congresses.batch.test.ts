import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, freshWorld, type World } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { signedInMember } from '../../../test/participation.js';
import type { StaffPrincipal } from '../../kernel/auth.js';
import { auditLog, orgs } from '../../kernel/db/kernel.tables.js';
import { addRepresentatives } from './index.js';

/** `addRepresentatives`: the batch use case the demo city adds its 300 representatives with. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

async function adminOf(w: World): Promise<StaffPrincipal> {
  const [org] = await t.ctx.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, w.org.id));
  return {
    kind: 'staff',
    staffId: w.admin.id,
    username: w.admin.username,
    orgId: w.org.id,
    orgPath: org!.path,
    roles: ['org_admin'],
  };
}

async function congressOf(w: World, orgId: string): Promise<string> {
  const created = await t.call('POST', '/api/v1/congresses', {
    token: w.admin.token,
    body: { orgId, name: '第九届会员代表大会', termStartsOn: '2026-01-01', termEndsOn: '2030-12-31' },
  });
  expect(created.status).toBe(201);
  return created.json.id;
}

describe('addRepresentatives', () => {
  it('adds many at once with their delegations, each audited, in the order given', async () => {
    const w = await freshWorld(t);
    const congressId = await congressOf(w, w.org.id);
    const members = [];
    for (let i = 0; i < 3; i++) members.push(await signedInMember(t, w, `代表${i + 1}`));
    const ids = await addRepresentatives(
      t.ctx,
      await adminOf(w),
      congressId,
      members.map((m, i) => ({ memberId: m.memberId, delegation: i === 0 ? '一团' : '二团' })),
    );
    expect(ids).toHaveLength(3);
    const list = await t.call('GET', `/api/v1/congresses/${congressId}/representatives`, { token: w.admin.token });
    const byId = new Map(list.json.items.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(ids[0]!)).toMatchObject({ member: { id: members[0]!.memberId }, delegation: '一团' });
    expect(byId.get(ids[2]!)).toMatchObject({ member: { id: members[2]!.memberId }, delegation: '二团' });
    const audited = await t.ctx.db
      .select({ objectId: auditLog.objectId })
      .from(auditLog)
      .where(eq(auditLog.action, 'congress.representative_add'));
    expect(audited.map((a) => a.objectId)).toEqual(expect.arrayContaining(ids));
    const mine = await t.call('GET', '/api/v1/me/congresses', { token: members[1]!.token });
    expect(mine.json.items).toMatchObject([{ id: congressId, representativeId: ids[1] }]);
  });

  it('adds none when one is already a representative, outside the subtree, or out of sight', async () => {
    const w = await freshWorld(t);
    const union = await createOrg(t, w.admin.token, w.org.id, 'grassroots');
    const congressId = await congressOf(w, union.id);
    const admin = await adminOf(w);
    const inside = await signedInMember(t, w, '甲', union.id);
    const other = await signedInMember(t, w, '乙', union.id);
    await addRepresentatives(t.ctx, admin, congressId, [{ memberId: inside.memberId }]);

    const again = addRepresentatives(t.ctx, admin, congressId, [
      { memberId: other.memberId },
      { memberId: inside.memberId },
    ]);
    await expect(again).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: '1.memberId', code: 'already_representative' }] },
    });
    const outsider = await signedInMember(t, w, '丙');
    await expect(addRepresentatives(t.ctx, admin, congressId, [{ memberId: outsider.memberId }])).rejects.toMatchObject(
      { details: { issues: [{ path: '0.memberId', code: 'not_eligible' }] } },
    );
    const elsewhere = await freshWorld(t);
    const stranger = await signedInMember(t, elsewhere, '丁');
    await expect(addRepresentatives(t.ctx, admin, congressId, [{ memberId: stranger.memberId }])).rejects.toMatchObject(
      { code: 'NOT_FOUND' },
    );
    const list = await t.call('GET', `/api/v1/congresses/${congressId}/representatives`, { token: w.admin.token });
    expect(list.json.items.map((r: { member: { id: string } }) => r.member.id)).toEqual([inside.memberId]);
  });
});
