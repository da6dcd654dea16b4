import {
  createOrg,
  createStaffUser,
  freshWorld,
  randomPhone,
  workerLogin,
  type Org,
  type StaffUser,
  type World,
} from './factories.js';
import type { TestApp } from './harness.js';

/**
 * A federation of its own for activity tests: two grassroots unions under it (a factory and a depot), the people
 * who run activities there, and judges in different unions (回避: a judge never scores an entry from their own org).
 */
export interface ActivitiesWorld extends World {
  /** A second grassroots union under the federation (the world's `grassroots` is the first). */
  depot: Org;
  /** activity_officer of the federation: creates quizzes, polls, contests; moderates. */
  officer: StaffUser;
  /** leader of the federation: reads results and figures. */
  leader: StaffUser;
  /** Five judges: three in the federation itself, one in each grassroots union. */
  judges: (StaffUser & { orgId: string })[];
}

export async function activitiesWorld(t: TestApp): Promise<ActivitiesWorld> {
  const w = await freshWorld(t);
  const depot = await createOrg(t, w.admin.token, w.org.id, 'grassroots', '610104');
  const officer = await createStaffUser(t, w.admin.token, w.org.id, ['activity_officer']);
  const leader = await createStaffUser(t, w.admin.token, w.org.id, ['leader']);
  const judgeOrgs = [w.org.id, w.org.id, w.org.id, w.grassroots.id, depot.id];
  const judges = [];
  for (const orgId of judgeOrgs) judges.push({ ...(await createStaffUser(t, w.admin.token, orgId, ['judge'])), orgId });
  return { ...w, depot, officer, leader, judges };
}

/** A member of `orgId` (the world's grassroots union by default), signed in. */
export async function activityMember(
  t: TestApp,
  w: World,
  orgId = w.grassroots.id,
  name = '王建国',
): Promise<{ token: string; phone: string; memberId: string }> {
  const phone = randomPhone();
  const added = await t.call('POST', '/api/v1/members', { token: w.admin.token, body: { name, phone, orgId } });
  if (added.status !== 201) throw new Error(`add member failed: ${added.status} ${JSON.stringify(added.json)}`);
  const login = await workerLogin(t, phone);
  return { token: login.token, phone, memberId: added.json.id as string };
}
