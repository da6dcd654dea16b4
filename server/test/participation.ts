import { randomPhone, workerLogin, type World } from './factories.js';
import type { TestApp } from './harness.js';

/** A representative of a congress, signed in to the member app. */
export interface Representative {
  id: string;
  memberId: string;
  name: string;
  phone: string;
  token: string;
}

export interface Congress {
  id: string;
  representatives: Representative[];
}

/** A member of `orgId` (default the world's grassroots union), signed in: id, phone and bearer token. */
export async function signedInMember(
  t: TestApp,
  w: World,
  name = '会员',
  orgId = w.grassroots.id,
): Promise<{ memberId: string; name: string; phone: string; token: string }> {
  const phone = randomPhone();
  const added = await t.call('POST', '/api/v1/members', { token: w.admin.token, body: { name, phone, orgId } });
  if (added.status !== 201) throw new Error(`add member failed: ${added.status} ${JSON.stringify(added.json)}`);
  const { token } = await workerLogin(t, phone);
  return { memberId: added.json.id as string, name, phone, token };
}

/**
 * A congress term of the world's federation with `count` representatives from its grassroots union, each signed in
 * (made by the world's org_admin).
 */
export async function congressWithRepresentatives(t: TestApp, w: World, count: number): Promise<Congress> {
  const created = await t.call('POST', '/api/v1/congresses', {
    token: w.admin.token,
    body: { orgId: w.org.id, name: '第八届会员代表大会', termStartsOn: '2026-01-01', termEndsOn: '2030-12-31' },
  });
  if (created.status !== 201)
    throw new Error(`create congress failed: ${created.status} ${JSON.stringify(created.json)}`);
  const representatives: Representative[] = [];
  for (let i = 0; i < count; i++) {
    const member = await signedInMember(t, w, `代表${i + 1}`);
    const added = await t.call('POST', `/api/v1/congresses/${created.json.id}/representatives`, {
      token: w.admin.token,
      body: { memberId: member.memberId },
    });
    if (added.status !== 201)
      throw new Error(`add representative failed: ${added.status} ${JSON.stringify(added.json)}`);
    representatives.push({ id: added.json.id as string, ...member });
  }
  return { id: created.json.id as string, representatives };
}
