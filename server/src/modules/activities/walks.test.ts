import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesWorld, activityMember, type ActivitiesWorld } from '../../../test/activities.js';
import { createOrg } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { SettableClock } from '../../kernel/clock.js';
import { queryRows, sql } from '../../kernel/db/client.js';
import { maskName } from '../../kernel/pii.js';

/** Noon in Shanghai on 2026-05-10 (04:00 UTC). */
const noon = new Date('2026-05-10T04:00:00Z');
const clock = new SettableClock(noon);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(
    { staffIdleMinutes: 60 * 24 * 400, staffAbsoluteHours: 24 * 400, workerIdleDays: 400, workerAbsoluteDays: 400 },
    { clock },
  );
});
afterAll(async () => {
  await t.close();
});

async function challenge(w: ActivitiesWorld, body: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/api/v1/walk-challenges', {
    token: w.officer.token,
    body: { orgId: w.org.id, title: '五月健步走', startsOn: '2026-05-01', endsOn: '2026-05-31', ...body },
  });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

const put = (token: string, id: string, date: string, body: Record<string, unknown>) =>
  t.call('PUT', `/api/v1/walk-challenges/${id}/steps/${date}`, { token, body });

const board = (token: string, id: string, query: string) =>
  t.call('GET', `/api/v1/walk-challenges/${id}/leaderboard?${query}`, { token });

describe('walking challenges: who opens and who sees them', () => {
  it('an officer opens one for the federation; its leader reads it; members of its subtree see it in their list', async () => {
    clock.set(noon);
    const w = await activitiesWorld(t);
    const created = await t.call('POST', '/api/v1/walk-challenges', {
      token: w.officer.token,
      body: {
        orgId: w.org.id,
        title: '五月健步走',
        startsOn: '2026-05-01',
        endsOn: '2026-05-31',
        dailyGoalSteps: 8000,
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      org: { id: w.org.id },
      title: '五月健步走',
      startsOn: '2026-05-01',
      endsOn: '2026-05-31',
      dailyGoalSteps: 8000,
      state: 'running',
      today: '2026-05-10',
      participants: 0,
    });
    const id = created.json.id as string;
    expect((await t.call('GET', `/api/v1/walk-challenges/${id}`, { token: w.leader.token })).status).toBe(200);
    const refused = await t.call('POST', '/api/v1/walk-challenges', {
      token: w.leader.token,
      body: { orgId: w.org.id, title: 'x', startsOn: '2026-05-01', endsOn: '2026-05-02' },
    });
    expect(refused.status).toBe(403);
    const staffList = await t.call('GET', `/api/v1/walk-challenges?orgId=${w.org.id}`, { token: w.leader.token });
    expect(staffList.json.items.map((c: { id: string }) => c.id)).toEqual([id]);

    const member = await activityMember(t, w, w.depot.id);
    const mine = await t.call('GET', '/api/v1/walk-challenges', { token: member.token });
    expect(mine.status).toBe(200);
    expect(mine.json.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await t.call('GET', `/api/v1/walk-challenges/${id}`, { token: member.token })).status).toBe(200);
  });

  it('the last day before the first is refused (400 on endsOn)', async () => {
    const w = await activitiesWorld(t);
    const res = await t.call('POST', '/api/v1/walk-challenges', {
      token: w.officer.token,
      body: { orgId: w.org.id, title: 'x', startsOn: '2026-05-10', endsOn: '2026-05-09' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details.issues[0].path).toBe('endsOn');
  });

  it("another federation's officer and a member outside the org chain get 404", async () => {
    clock.set(noon);
    const w = await activitiesWorld(t);
    const other = await activitiesWorld(t);
    const id = await challenge(w);
    const onTheirOrg = await t.call('POST', '/api/v1/walk-challenges', {
      token: other.officer.token,
      body: { orgId: w.org.id, title: 'x', startsOn: '2026-05-01', endsOn: '2026-05-02' },
    });
    expect(onTheirOrg.status).toBe(404);
    expect((await t.call('GET', `/api/v1/walk-challenges/${id}`, { token: other.officer.token })).status).toBe(404);
    expect((await board(other.officer.token, id, 'by=member')).status).toBe(404);

    // A challenge of one grassroots union is not its sibling's: the depot's member is outside its org chain.
    const local = await challenge(w, { orgId: w.grassroots.id });
    const outsider = await activityMember(t, w, w.depot.id);
    expect((await t.call('GET', `/api/v1/walk-challenges/${local}`, { token: outsider.token })).status).toBe(404);
    expect((await put(outsider.token, local, '2026-05-10', { steps: 1000 })).status).toBe(404);
    expect((await board(outsider.token, local, 'by=member')).status).toBe(404);
    expect((await t.call('GET', `/api/v1/walk-challenges/${local}/me`, { token: outsider.token })).status).toBe(404);
    const list = await t.call('GET', '/api/v1/walk-challenges', { token: outsider.token });
    expect(list.json.items.map((c: { id: string }) => c.id)).not.toContain(local);
    const stranger = await activityMember(t, other);
    expect((await put(stranger.token, id, '2026-05-10', { steps: 1000 })).status).toBe(404);
    // Two federations with their staff: slow on a busy machine.
  }, 180_000);
});

describe('recording a day', () => {
  it('takes 100,000 steps and refuses 100,001 (400 implausible_steps on steps) and a negative count', async () => {
    clock.set(noon);
    const w = await activitiesWorld(t);
    const id = await challenge(w);
    const m = await activityMember(t, w);
    const most = await put(m.token, id, '2026-05-10', { steps: 100_000 });
    expect(most.status).toBe(200);
    expect(most.json).toMatchObject({ date: '2026-05-10', steps: 100_000, source: 'typed', totalSteps: 100_000 });
    const over = await put(m.token, id, '2026-05-09', { steps: 100_001 });
    expect(over.status).toBe(400);
    expect(over.json.error.details.issues).toEqual([
      expect.objectContaining({ path: 'steps', code: 'implausible_steps' }),
    ]);
    expect((await put(m.token, id, '2026-05-09', { steps: -1 })).status).toBe(400);
    expect((await put(m.token, id, '2026-05-09', { steps: 12.5 })).status).toBe(400);
    const me = await t.call('GET', `/api/v1/walk-challenges/${id}/me`, { token: m.token });
    expect(me.json.days).toHaveLength(1);
  });

  it('takes the first and the last day; refuses the day before and after (409) and a future day (400)', async () => {
    clock.set(new Date('2026-05-31T04:00:00Z'));
    const w = await activitiesWorld(t);
    const id = await challenge(w);
    const m = await activityMember(t, w);
    expect((await put(m.token, id, '2026-05-01', { steps: 3000 })).status).toBe(200);
    expect((await put(m.token, id, '2026-05-31', { steps: 4000 })).status).toBe(200);
    const early = await put(m.token, id, '2026-04-30', { steps: 3000 });
    expect(early.status).toBe(409);
    expect(early.json.error).toMatchObject({
      code: 'ACTIVITY_NOT_OPEN',
      details: { startsOn: '2026-05-01', endsOn: '2026-05-31' },
    });
    const future = await put(m.token, id, '2026-06-01', { steps: 3000 });
    expect(future.status).toBe(400);
    expect(future.json.error.details.issues[0]).toMatchObject({ path: 'date', code: 'future_date' });
    clock.set(new Date('2026-06-02T04:00:00Z'));
    const late = await put(m.token, id, '2026-06-01', { steps: 3000 });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('ACTIVITY_NOT_OPEN');
    // An ended challenge's days may still be filled in (a member who forgot the last day).
    expect((await put(m.token, id, '2026-05-30', { steps: 5000 })).status).toBe(200);
    const me = await t.call('GET', `/api/v1/walk-challenges/${id}/me`, { token: m.token });
    expect(me.json).toMatchObject({ totalSteps: 12_000, daysRecorded: 3, rank: 1 });
    expect(me.json.challenge.state).toBe('ended');
  });

  it('takes corrections until the third Shanghai day after the last one ends, then refuses them (409 closed)', async () => {
    // The challenge's last day is 2026-05-31; phones sync late, so its days stay open until 2026-06-03 ends in
    // Shanghai (2026-06-03T15:59:59.999Z), and no longer: the leaderboards then stand.
    clock.set(new Date('2026-05-20T04:00:00Z'));
    const w = await activitiesWorld(t);
    const id = await challenge(w);
    const m = await activityMember(t, w);
    expect((await put(m.token, id, '2026-05-20', { steps: 3000 })).status).toBe(200);
    const view = await t.call('GET', `/api/v1/walk-challenges/${id}`, { token: m.token });
    expect(view.json.recordableUntil).toBe('2026-06-03');

    clock.set(new Date('2026-06-03T15:59:59.999Z'));
    const last = await put(m.token, id, '2026-05-31', { steps: 6000 });
    expect(last.status).toBe(200);
    expect(last.json.totalSteps).toBe(9000);

    clock.set(new Date('2026-06-03T16:00:00.000Z'));
    const late = await put(m.token, id, '2026-05-31', { steps: 60_000 });
    expect(late.status).toBe(409);
    expect(late.json.error).toMatchObject({
      code: 'ACTIVITY_NOT_OPEN',
      details: { reason: 'closed', endsOn: '2026-05-31', recordableUntil: '2026-06-03' },
    });
    // Not a correction of an earlier day either, and the board keeps what it had.
    expect((await put(m.token, id, '2026-05-20', { steps: 0 })).status).toBe(409);
    expect((await board(m.token, id, 'by=member')).json.me).toEqual({ rank: 1, steps: 9000 });
    clock.set(noon);
  });

  it("knows the day by Asia/Shanghai: tomorrow's count is refused at 23:59:59.999 and taken at midnight", async () => {
    const w = await activitiesWorld(t);
    clock.set(new Date('2026-05-10T15:59:59.999Z'));
    const id = await challenge(w);
    const m = await activityMember(t, w);
    const before = await put(m.token, id, '2026-05-11', { steps: 100 });
    expect(before.status).toBe(400);
    expect(before.json.error.details.issues[0].code).toBe('future_date');
    clock.set(new Date('2026-05-10T16:00:00.000Z'));
    expect((await put(m.token, id, '2026-05-11', { steps: 100 })).status).toBe(200);
    clock.set(noon);
  });

  it("replaces the day's count (PUT): one row a day, the total follows; the device source is kept", async () => {
    clock.set(noon);
    const w = await activitiesWorld(t);
    const id = await challenge(w, { dailyGoalSteps: 6000 });
    const m = await activityMember(t, w);
    expect((await put(m.token, id, '2026-05-09', { steps: 9000 })).status).toBe(200);
    expect((await put(m.token, id, '2026-05-10', { steps: 5000 })).json.totalSteps).toBe(14_000);
    const again = await put(m.token, id, '2026-05-10', { steps: 7000, source: 'device' });
    expect(again.json).toMatchObject({ steps: 7000, source: 'device', totalSteps: 16_000 });
    const me = await t.call('GET', `/api/v1/walk-challenges/${id}/me`, { token: m.token });
    expect(me.json).toMatchObject({ totalSteps: 16_000, daysRecorded: 2, goalDays: 2, rank: 1, participants: 1 });
    expect(me.json.days.map((d: { date: string; steps: number }) => [d.date, d.steps])).toEqual([
      ['2026-05-09', 9000],
      ['2026-05-10', 7000],
    ]);
    // Staff record nothing: the route is the member's.
    expect((await put(w.officer.token, id, '2026-05-10', { steps: 1 })).status).toBe(403);
  });
});

describe('editing and closing a challenge (officers of its union)', () => {
  const patch = (token: string, id: string, body: Record<string, unknown>) =>
    t.call('PATCH', `/api/v1/walk-challenges/${id}`, { token, body });

  it('a running one: title, goal and a later last day; never the first day nor a last day before today', async () => {
    clock.set(noon);
    const w = await activitiesWorld(t);
    const id = await challenge(w);
    const edited = await patch(w.officer.token, id, {
      title: '五月健步走（延长）',
      dailyGoalSteps: 9000,
      startsOn: '2026-05-01', // unchanged: no change
      endsOn: '2026-06-10',
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({
      title: '五月健步走（延长）',
      dailyGoalSteps: 9000,
      startsOn: '2026-05-01',
      endsOn: '2026-06-10',
      recordableUntil: '2026-06-13',
      state: 'running',
    });
    const moved = await patch(w.officer.token, id, { startsOn: '2026-05-02' });
    expect(moved.status).toBe(409);
    expect(moved.json.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'started' } });
    const past = await patch(w.officer.token, id, { endsOn: '2026-05-09' });
    expect(past.status).toBe(400);
    expect(past.json.error.details.issues[0]).toMatchObject({ path: 'endsOn', code: 'past_date' });
    expect((await patch(w.officer.token, id, { dailyGoalSteps: null })).json.dailyGoalSteps).toBeNull();
    expect((await patch(w.leader.token, id, { title: 'x' })).status).toBe(403);
    const audits = await queryRows<{ action: string; details: Record<string, unknown> }>(
      t.ctx.db,
      sql`select action, details from audit_log where object_id = ${id} and action = 'walk_challenge.update' order by seq`,
    );
    expect(audits[0]!.details).toEqual({ title: '五月健步走（延长）', dailyGoalSteps: 9000, endsOn: '2026-06-10' });
  });

  it('closing now makes today the last day (today still recorded); once ended its window stays, its title may change', async () => {
    clock.set(noon);
    const w = await activitiesWorld(t);
    const id = await challenge(w);
    const m = await activityMember(t, w);
    const closed = await t.call('POST', `/api/v1/walk-challenges/${id}/close`, { token: w.officer.token });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ endsOn: '2026-05-10', state: 'running', recordableUntil: '2026-05-13' });
    expect((await put(m.token, id, '2026-05-10', { steps: 5000 })).status).toBe(200);

    clock.set(new Date('2026-05-11T04:00:00Z'));
    expect((await put(m.token, id, '2026-05-11', { steps: 5000 })).status).toBe(409);
    const again = await t.call('POST', `/api/v1/walk-challenges/${id}/close`, { token: w.officer.token });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'ACTIVITY_NOT_OPEN', details: { reason: 'ended' } });
    const reopen = await patch(w.officer.token, id, { endsOn: '2026-05-31' });
    expect(reopen.status).toBe(409);
    expect(reopen.json.error.details.reason).toBe('ended');
    expect((await patch(w.officer.token, id, { title: '五月健步走（已结束）' })).status).toBe(200);
    const actions = await queryRows<{ action: string }>(
      t.ctx.db,
      sql`select action from audit_log where object_id = ${id} and action like 'walk_challenge.%' and action <> 'walk_challenge.steps' order by seq`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'walk_challenge.create',
      'walk_challenge.close',
      'walk_challenge.update',
    ]);
    clock.set(noon);
  });

  it('an upcoming one: its days may move (not into the past); it cannot be closed before it starts', async () => {
    clock.set(noon);
    const w = await activitiesWorld(t);
    const id = await challenge(w, { startsOn: '2026-06-01', endsOn: '2026-06-30' });
    const moved = await patch(w.officer.token, id, { startsOn: '2026-05-20', endsOn: '2026-06-05' });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ startsOn: '2026-05-20', endsOn: '2026-06-05', state: 'upcoming' });
    const past = await patch(w.officer.token, id, { startsOn: '2026-05-09' });
    expect(past.status).toBe(400);
    expect(past.json.error.details.issues[0]).toMatchObject({ path: 'startsOn', code: 'past_date' });
    const backwards = await patch(w.officer.token, id, { endsOn: '2026-05-19' });
    expect(backwards.json.error.details.issues[0]).toMatchObject({ path: 'endsOn', code: 'too_small' });
    const early = await t.call('POST', `/api/v1/walk-challenges/${id}/close`, { token: w.officer.token });
    expect(early.status).toBe(409);
    expect(early.json.error.details.reason).toBe('not_started');
    const other = await activitiesWorld(t);
    expect((await patch(other.officer.token, id, { title: 'x' })).status).toBe(404);
  }, 120_000);
});

describe('leaderboards', () => {
  it('by member: totals and a day, equal counts share a rank, names masked for members, my own rank', async () => {
    clock.set(noon);
    const w = await activitiesWorld(t);
    const id = await challenge(w);
    const a = await activityMember(t, w, w.grassroots.id, '张建明');
    const b = await activityMember(t, w, w.depot.id, '李秀英');
    const c = await activityMember(t, w, w.grassroots.id, '王强');
    await put(a.token, id, '2026-05-09', { steps: 6000 });
    await put(a.token, id, '2026-05-10', { steps: 4000 });
    await put(b.token, id, '2026-05-10', { steps: 10_000 });
    await put(c.token, id, '2026-05-10', { steps: 8000 });

    const total = await board(b.token, id, 'by=member');
    expect(total.status).toBe(200);
    expect(total.json.participants).toBe(3);
    // Equal totals share rank 1 (in name order); the next is third.
    const ranked = total.json.members.map((r: { rank: number; steps: number; days: number }) => [
      r.rank,
      r.steps,
      r.days,
    ]);
    expect(ranked.slice(0, 2).sort()).toEqual([
      [1, 10_000, 1],
      [1, 10_000, 2],
    ]);
    expect(ranked[2]).toEqual([3, 8000, 1]);
    const names = total.json.members.map((r: { member: { name: string } }) => r.member.name);
    expect(names).toContain('李秀英'); // their own
    expect(names).toContain(maskName('张建明'));
    expect(names).toContain(maskName('王强'));
    expect(names).not.toContain('张建明');
    expect(total.json.members.every((r: { member: { id: string | null } }) => r.member.id === null)).toBe(true);
    expect(total.json.me).toEqual({ rank: 1, steps: 10_000 });

    const daily = await board(c.token, id, 'by=member&date=2026-05-10');
    expect(daily.json.members.map((r: { steps: number; rank: number }) => [r.rank, r.steps])).toEqual([
      [1, 10_000],
      [2, 8000],
      [3, 4000],
    ]);
    expect(daily.json.me).toEqual({ rank: 2, steps: 8000 });
    const yesterday = await board(c.token, id, 'by=member&date=2026-05-09');
    expect(yesterday.json.participants).toBe(1);
    expect(yesterday.json.me).toEqual({ rank: null, steps: 0 });

    const staff = await board(w.leader.token, id, 'by=member');
    expect(staff.json.members.map((r: { member: { name: string } }) => r.member.name).sort()).toEqual(
      ['张建明', '李秀英', '王强'].sort(),
    );
    expect(staff.json.members.find((r: { member: { name: string } }) => r.member.name === '王强').member.id).toBe(
      c.memberId,
    );
    expect(staff.json.me).toBeNull();
    expect((await board(w.leader.token, id, 'by=member&limit=1')).json.members).toHaveLength(1);
  });

  it('by org: each child union by average steps per participating member, daily and total; my union marked', async () => {
    clock.set(noon);
    const w = await activitiesWorld(t);
    const idle = await createOrg(t, w.admin.token, w.org.id, 'grassroots', '610104');
    const id = await challenge(w);
    const a = await activityMember(t, w, w.grassroots.id);
    const b = await activityMember(t, w, w.grassroots.id);
    await activityMember(t, w, w.grassroots.id); // a member who walks nothing counts in no average
    const c = await activityMember(t, w, w.depot.id);
    const d = await activityMember(t, w, w.org.id); // filed to the federation itself
    await put(a.token, id, '2026-05-09', { steps: 6000 });
    await put(a.token, id, '2026-05-10', { steps: 4000 });
    await put(b.token, id, '2026-05-10', { steps: 3001 });
    await put(c.token, id, '2026-05-10', { steps: 8000 });
    await put(d.token, id, '2026-05-09', { steps: 7000 });

    const total = await board(a.token, id, 'by=org');
    expect(total.status).toBe(200);
    const rows = total.json.orgs.map((r: { org: { id: string }; rank: number | null }) => ({ ...r, org: r.org.id }));
    // grassroots: (10,000 + 3,001) / 2 = 6,500.5 → 6,501; depot 8,000; the federation's own member 7,000; idle: none.
    expect(rows).toEqual([
      { rank: 1, org: w.depot.id, participants: 1, steps: 8000, averageSteps: 8000, mine: false },
      { rank: 2, org: w.org.id, participants: 1, steps: 7000, averageSteps: 7000, mine: false },
      { rank: 3, org: w.grassroots.id, participants: 2, steps: 13_001, averageSteps: 6501, mine: true },
      { rank: null, org: idle.id, participants: 0, steps: 0, averageSteps: 0, mine: false },
    ]);
    expect(total.json.participants).toBe(4);
    expect(total.json.me).toEqual({ rank: 3, steps: 6501 });

    const daily = await board(a.token, id, 'by=org&date=2026-05-10');
    const dailyRows = daily.json.orgs.map((r: { org: { id: string }; rank: number | null; averageSteps: number }) => [
      r.org.id,
      r.rank,
      r.averageSteps,
    ]);
    // On the 10th: depot 8,000; grassroots (4,000 + 3,001) / 2 → 3,501; the federation's own member did not walk.
    expect(dailyRows).toEqual([
      [w.depot.id, 1, 8000],
      [w.grassroots.id, 2, 3501],
      [idle.id, null, 0],
    ]);
    expect(daily.json.me).toEqual({ rank: 2, steps: 3501 });

    const staff = await board(w.officer.token, id, 'by=org');
    expect(staff.json.orgs).toHaveLength(4);
    expect(staff.json.me).toBeNull();
  });
});
