import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesWorld, activityMember, type ActivitiesWorld } from '../../../test/activities.js';
import { createStaffUser, randomAddress, workerLogin } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook, uploadFile } from '../../../test/uploads.js';
import { verifyAuditChain } from '../../kernel/audit.js';
import { SettableClock } from '../../kernel/clock.js';
import { queryRows, sql } from '../../kernel/db/client.js';
import { finalistsOf, rankOf } from './polls.service.js';

let t: TestApp;
const clock = new SettableClock();
beforeAll(async () => {
  t = await startTestApp({}, { clock });
});
afterAll(async () => {
  await t.close();
});

/** Shanghai 2026-12-01 20:00 (12:00 UTC): the time the tests vote at unless they set another. */
const evening = new Date('2026-12-01T12:00:00Z');
const window = { startsAt: '2026-11-30T00:00:00+08:00', endsAt: '2026-12-10T00:00:00+08:00' };

async function poll(
  app: TestApp,
  w: ActivitiesWorld,
  limits: { ballotsPerMemberPerDay: number; perEntryPerDay: number } = { ballotsPerMemberPerDay: 3, perEntryPerDay: 1 },
  times = window,
) {
  const created = await app.call('POST', '/api/v1/polls', {
    token: w.officer.token,
    body: { title: '最美劳动者网络投票', orgId: w.org.id, ...times, ...limits },
  });
  expect(created.status).toBe(201);
  return created.json.id as string;
}

async function entries(app: TestApp, w: ActivitiesWorld, pollId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const added = await app.call('POST', `/api/v1/polls/${pollId}/entries`, {
      token: w.officer.token,
      body: { title: `候选人${i + 1}`, description: '一线职工' },
    });
    expect(added.status).toBe(201);
    expect(added.json.status).toBe('live');
    ids.push(added.json.id);
  }
  return ids;
}

function vote(
  app: TestApp,
  token: string,
  pollId: string,
  entryId: string,
  opts: { key?: string; address?: string } = {},
) {
  return app.call('POST', `/api/v1/polls/${pollId}/ballots`, {
    token,
    body: { entryId },
    headers: opts.key ? { 'idempotency-key': opts.key } : {},
    remoteAddress: opts.address ?? randomAddress(),
  });
}

async function ballotCount(pollId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.ctx.db,
    sql`select count(*)::int as n from poll_ballots where poll_id = ${pollId} and voided_at is null`,
  );
  return row!.n;
}

describe('public polls 网络投票', () => {
  it('takes ballots for live entries and shows them in the public results, from counters', async () => {
    clock.set(evening);
    const w = await activitiesWorld(t);
    const id = await poll(t, w);
    const [a, b, c] = await entries(t, w, id, 3);
    const m = await activityMember(t, w);
    const first = await vote(t, m.token, id, a!);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ pollId: id, entryId: a, day: '2026-12-01', leftToday: 2, leftForEntryToday: 0 });
    expect((await vote(t, m.token, id, b!)).status).toBe(201);
    const other = await activityMember(t, w, w.depot.id, '李红');
    expect((await vote(t, other.token, id, b!)).status).toBe(201);
    const results = await t.call('GET', `/api/v1/public/polls/${id}/results`);
    expect(results.status).toBe(200);
    expect(results.json).toEqual({
      items: [
        { entryId: b, title: '候选人2', votes: 2 },
        { entryId: a, title: '候选人1', votes: 1 },
        { entryId: c, title: '候选人3', votes: 0 },
      ],
      totalVotes: 3,
    });
    expect(await ballotCount(id)).toBe(3);
    // The public page and the member's view of the poll.
    const page = await t.call('GET', `/api/v1/public/polls/${id}`);
    expect(page.json).toMatchObject({ id, open: true, liveEntries: 3, totalVotes: 3 });
    expect(page.json.myVotesToday).toBeUndefined();
    const mine = await t.call('GET', `/api/v1/polls/${id}`, { token: m.token });
    expect(mine.json.myVotesToday).toEqual({ total: 2, left: 1 });
    const list = await t.call('GET', `/api/v1/polls/${id}/entries`, { token: m.token });
    expect(list.json.items.map((e: { myVotesToday: number }) => e.myVotesToday)).toEqual([1, 1, 0]);
    const staffList = await t.call('GET', '/api/v1/polls', { token: w.leader.token });
    expect(staffList.json.items.map((p: { id: string }) => p.id)).toContain(id);
    expect(staffList.json.items.find((p: { id: string }) => p.id === id)).toMatchObject({
      totalVotes: 3,
      openFlags: 0,
    });
    const memberList = await t.call('GET', '/api/v1/polls', { token: m.token });
    expect(memberList.json.items.find((p: { id: string }) => p.id === id).myVotesToday).toEqual({ total: 2, left: 1 });
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('finds entries by a word of their name or text (a large poll), members and the public alike, wildcards literal', async () => {
    clock.set(evening);
    const w = await activitiesWorld(t);
    const pollId = await poll(t, w);
    await entries(t, w, pollId, 12);
    const member = await activityMember(t, w);
    const found = await t.call('GET', `/api/v1/polls/${pollId}/entries?q=${encodeURIComponent('候选人1')}`, {
      token: member.token,
    });
    expect(found.status).toBe(200);
    expect(found.json.items.map((e: { title: string }) => e.title).sort()).toEqual([
      '候选人1',
      '候选人10',
      '候选人11',
      '候选人12',
    ]);
    const pub = await t.call('GET', `/api/v1/public/polls/${pollId}/entries?q=${encodeURIComponent('候选人12')}`);
    expect(pub.json.items).toHaveLength(1);
    const literal = await t.call('GET', `/api/v1/polls/${pollId}/entries?q=${encodeURIComponent('%')}`, {
      token: member.token,
    });
    expect(literal.json.items).toHaveLength(0);
  });

  it('holds both daily limits at their boundaries, and a new Shanghai day starts them afresh at midnight', async () => {
    clock.set(evening);
    const w = await activitiesWorld(t);
    const id = await poll(t, w, { ballotsPerMemberPerDay: 3, perEntryPerDay: 2 });
    const [a, b, c] = await entries(t, w, id, 3);
    const m = await activityMember(t, w);
    expect((await vote(t, m.token, id, a!)).status).toBe(201);
    const lastForEntry = await vote(t, m.token, id, a!);
    expect(lastForEntry.status).toBe(201);
    expect(lastForEntry.json).toMatchObject({ leftToday: 1, leftForEntryToday: 0 });
    const overEntry = await vote(t, m.token, id, a!);
    expect(overEntry.status).toBe(409);
    expect(overEntry.json.error).toMatchObject({
      code: 'DAILY_LIMIT_REACHED',
      details: { limit: 'perEntryPerDay', max: 2, entryId: a, resetsAt: '2026-12-01T16:00:00.000Z' },
    });
    // 23:59:59.999 in Shanghai: still the same day; the last ballot of the day is accepted, the next refused.
    clock.set(new Date('2026-12-01T15:59:59.999Z'));
    const last = await vote(t, m.token, id, b!);
    expect(last.status).toBe(201);
    expect(last.json).toMatchObject({ day: '2026-12-01', leftToday: 0, leftForEntryToday: 0 });
    const over = await vote(t, m.token, id, c!);
    expect(over.status).toBe(409);
    expect(over.json.error.details).toMatchObject({ limit: 'ballotsPerMemberPerDay', max: 3 });
    // Midnight in Shanghai (16:00 UTC): a new day.
    clock.set(new Date('2026-12-01T16:00:00.000Z'));
    const next = await vote(t, m.token, id, a!);
    expect(next.status).toBe(201);
    expect(next.json).toMatchObject({ day: '2026-12-02', leftToday: 2, leftForEntryToday: 1 });
    expect(await ballotCount(id)).toBe(4);
    const days = await queryRows<{ day: string; n: number }>(
      t.ctx.db,
      sql`select day::text as day, count(*)::int as n from poll_ballots where poll_id = ${id} group by day order by day`,
    );
    expect(days).toEqual([
      { day: '2026-12-01', n: 3 },
      { day: '2026-12-02', n: 1 },
    ]);
  });

  it('takes ballots only inside the window, only for live entries of the poll, only from members of its unions', async () => {
    const w = await activitiesWorld(t);
    const id = await poll(t, w);
    const [a] = await entries(t, w, id, 1);
    const m = await activityMember(t, w);
    clock.set(new Date('2026-11-29T15:59:59.999Z'));
    expect((await vote(t, m.token, id, a!)).json.error.code).toBe('ACTIVITY_NOT_OPEN');
    clock.set(new Date('2026-12-09T16:00:00.000Z'));
    const closed = await vote(t, m.token, id, a!);
    expect(closed.status).toBe(409);
    expect(closed.json.error.code).toBe('ACTIVITY_NOT_OPEN');
    clock.set(evening);
    const otherPoll = await poll(t, w);
    const [elsewhere] = await entries(t, w, otherPoll, 1);
    expect((await vote(t, m.token, id, elsewhere!)).status).toBe(404);
    const nominated = await t.call('POST', `/api/v1/polls/${id}/entries`, {
      token: m.token,
      body: { title: '我推荐的师傅' },
    });
    expect(nominated.json.status).toBe('pending');
    expect((await vote(t, m.token, id, nominated.json.id)).status).toBe(404);
    const stranger = await activitiesWorld(t);
    const outsider = await activityMember(t, stranger);
    expect((await vote(t, outsider.token, id, a!)).status).toBe(404);
    const notMember = await workerLogin(t);
    expect((await vote(t, notMember.token, id, a!)).json.error.code).toBe('MEMBERSHIP_REQUIRED');
    expect((await vote(t, w.officer.token, id, a!)).status).toBe(403);
    expect(await ballotCount(id)).toBe(0);
  });

  it('counts a retried ballot (same Idempotency-Key) once, refuses the key for another entry, and a phone is one voter', async () => {
    clock.set(evening);
    const w = await activitiesWorld(t);
    const id = await poll(t, w, { ballotsPerMemberPerDay: 2, perEntryPerDay: 1 });
    const [a, b, c] = await entries(t, w, id, 3);
    const m = await activityMember(t, w);
    const first = await vote(t, m.token, id, a!, { key: 'tap-1' });
    const retry = await vote(t, m.token, id, a!, { key: 'tap-1' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(await ballotCount(id)).toBe(1);
    const reused = await vote(t, m.token, id, b!, { key: 'tap-1' });
    expect(reused.status).toBe(409);
    expect(reused.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Member accounts are by phone: signing in again on another phone app gives a new session of the same voter.
    clock.advance(61_000);
    const again = await workerLogin(t, m.phone);
    expect(again.token).not.toBe(m.token);
    expect((await vote(t, again.token, id, b!)).status).toBe(201);
    const over = await vote(t, m.token, id, c!);
    expect(over.json.error).toMatchObject({
      code: 'DAILY_LIMIT_REACHED',
      details: { limit: 'ballotsPerMemberPerDay' },
    });
    expect((await vote(t, again.token, id, c!)).status).toBe(409);
    expect(await ballotCount(id)).toBe(2);
    const refused = await vote(t, m.token, id, a!, { key: 'x'.repeat(201) });
    expect(refused.status).toBe(400);
  });

  it('moderates members’ nominations through the workflow: pending, approved live or rejected with a reason, the nominator told', async () => {
    clock.set(evening);
    const w = await activitiesWorld(t);
    const id = await poll(t, w);
    await entries(t, w, id, 1);
    const m = await activityMember(t, w);
    const png = PNG.sync.write(new PNG({ width: 3, height: 2 }));
    const photo = await uploadFile(t, '/api/v1/polls/photos', m.token, '师傅.png', png, 'image/png');
    expect(photo.status).toBe(201);
    const nominated = await t.call('POST', `/api/v1/polls/${id}/entries`, {
      token: m.token,
      body: { title: '张师傅', description: '三十年安全驾驶', photoIds: [photo.json.id] },
    });
    expect(nominated.status).toBe(201);
    expect(nominated.json).toMatchObject({ status: 'pending', nominated: true, mine: true, availableActions: [] });
    const entryId = nominated.json.id as string;
    const photoUrl = nominated.json.photos[0].url as string;
    // Someone else's photo cannot be attached.
    const other = await activityMember(t, w);
    const stolen = await t.call('POST', `/api/v1/polls/${id}/entries`, {
      token: other.token,
      body: { title: '李师傅', photoIds: [photo.json.id] },
    });
    expect(stolen.status).toBe(400);
    // Pending: not public, not in others' lists, its photo not public; in the nominator's own list.
    expect((await t.call('GET', `/api/v1/public/polls/${id}/entries`)).json.items).toHaveLength(1);
    expect((await t.call('GET', `/api/v1/poll-entries/${entryId}`, { token: other.token })).status).toBe(404);
    expect((await t.call('GET', photoUrl)).status).toBe(404);
    expect((await t.call('GET', photoUrl, { token: m.token })).status).toBe(200);
    const mine = await t.call('GET', `/api/v1/polls/${id}/entries?mine=true`, { token: m.token });
    expect(mine.json.items.map((e: { id: string }) => e.id)).toEqual([entryId]);
    const pending = await t.call('GET', `/api/v1/polls/${id}/entries?status=pending`, { token: w.officer.token });
    expect(pending.json.items).toHaveLength(1);
    expect(pending.json.items[0].availableActions).toEqual(['approve', 'reject']);
    // A leader reads but does not moderate.
    const byLeader = await t.call('POST', `/api/v1/poll-entries/${entryId}/actions`, {
      token: w.leader.token,
      body: { action: 'approve' },
    });
    expect(byLeader.status).toBe(403);
    const approved = await t.call('POST', `/api/v1/poll-entries/${entryId}/actions`, {
      token: w.officer.token,
      body: { action: 'approve' },
    });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('live');
    expect(approved.json.timeline.map((s: { action: string }) => s.action)).toEqual(['nominate', 'approve']);
    expect(
      (
        await t.call('POST', `/api/v1/poll-entries/${entryId}/actions`, {
          token: w.officer.token,
          body: { action: 'approve' },
        })
      ).json.error.code,
    ).toBe('INVALID_TRANSITION');
    expect((await t.call('GET', photoUrl)).status).toBe(200);
    expect((await vote(t, other.token, id, entryId)).status).toBe(201);
    // A second nomination, rejected with a reason.
    const second = await t.call('POST', `/api/v1/polls/${id}/entries`, { token: m.token, body: { title: '王师傅' } });
    const rejected = await t.call('POST', `/api/v1/poll-entries/${second.json.id}/actions`, {
      token: w.officer.token,
      body: { action: 'reject', reason: '不符合推荐条件' },
    });
    expect(rejected.json.status).toBe('rejected');
    expect(rejected.json.timeline[1]).toMatchObject({ action: 'reject', note: '不符合推荐条件', toState: 'rejected' });
    const noReason = await t.call('POST', `/api/v1/poll-entries/${entryId}/actions`, {
      token: w.officer.token,
      body: { action: 'remove' },
    });
    expect(noReason.status).toBe(400);
    const notices = await t.call('GET', '/api/v1/me/notifications', { token: m.token });
    const titles = notices.json.items.map((n: { title: string }) => n.title);
    expect(titles).toContain('您推荐的投票候选已通过审核');
    expect(titles).toContain('您推荐的投票候选未通过审核');
    // Taken down: no more ballots, out of the results.
    const removed = await t.call('POST', `/api/v1/poll-entries/${entryId}/actions`, {
      token: w.officer.token,
      body: { action: 'remove', reason: '本人申请退出' },
    });
    expect(removed.json.status).toBe('removed');
    expect((await vote(t, m.token, id, entryId)).status).toBe(404);
    const results = await t.call('GET', `/api/v1/polls/${id}/results`, { token: w.officer.token });
    expect(results.json.items.map((i: { entryId: string }) => i.entryId)).not.toContain(entryId);
  });

  it('keeps polls, entries and flags of another federation out of reach (404)', async () => {
    clock.set(evening);
    const w = await activitiesWorld(t);
    const id = await poll(t, w);
    const [a] = await entries(t, w, id, 1);
    const stranger = await activitiesWorld(t);
    const them = stranger.officer.token;
    expect((await t.call('GET', `/api/v1/polls/${id}`, { token: them })).status).toBe(404);
    expect((await t.call('PATCH', `/api/v1/polls/${id}`, { token: them, body: { title: 'x' } })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/polls/${id}/entries`, { token: them, body: { title: 'x' } })).status).toBe(
      404,
    );
    expect((await t.call('GET', `/api/v1/polls/${id}/entries`, { token: them })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/poll-entries/${a}`, { token: them })).status).toBe(404);
    expect(
      (
        await t.call('POST', `/api/v1/poll-entries/${a}/actions`, {
          token: them,
          body: { action: 'remove', reason: 'x' },
        })
      ).status,
    ).toBe(404);
    expect((await t.call('GET', `/api/v1/polls/${id}/flags`, { token: them })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/polls/${id}/results`, { token: them })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/polls/${id}/results.xlsx`, { token: them })).status).toBe(404);
    const finals = { topN: 1, startsAt: window.endsAt, endsAt: '2026-12-20T00:00:00+08:00' };
    expect((await t.call('POST', `/api/v1/polls/${id}/finalists`, { token: them, body: finals })).status).toBe(404);
    expect(
      (
        await t.call('POST', '/api/v1/polls', {
          token: them,
          body: { title: 'x', orgId: w.org.id, ...window, ballotsPerMemberPerDay: 1, perEntryPerDay: 1 },
        })
      ).status,
    ).toBe(404);
    // A grassroots officer sees its own union's polls, not the federation's above it.
    const local = await createStaffUser(t, w.admin.token, w.grassroots.id, ['activity_officer']);
    expect((await t.call('GET', `/api/v1/polls/${id}`, { token: local.token })).status).toBe(404);
    // A member of the grassroots union votes in the federation's poll; the list shows it.
    const m = await activityMember(t, w);
    expect((await t.call('GET', `/api/v1/polls/${id}`, { token: m.token })).status).toBe(200);
  });

  it('lets staff update a poll, read results with an Excel export, and refuses a bad window', async () => {
    clock.set(evening);
    const w = await activitiesWorld(t);
    const id = await poll(t, w);
    const [a, b] = await entries(t, w, id, 2);
    const m = await activityMember(t, w);
    await vote(t, m.token, id, b!);
    const updated = await t.call('PATCH', `/api/v1/polls/${id}`, {
      token: w.officer.token,
      body: { title: '最美货车司机', ballotsPerMemberPerDay: 1 },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ title: '最美货车司机', ballotsPerMemberPerDay: 1, perEntryPerDay: 1 });
    // The new limit holds at once: one ballot today already.
    expect((await vote(t, m.token, id, a!)).json.error.details.limit).toBe('ballotsPerMemberPerDay');
    const bad = await t.call('PATCH', `/api/v1/polls/${id}`, {
      token: w.officer.token,
      body: { endsAt: '2026-11-01T00:00:00+08:00' },
    });
    expect(bad.status).toBe(400);
    const staff = await t.call('GET', `/api/v1/polls/${id}/results`, { token: w.leader.token });
    expect(staff.json).toMatchObject({ totalVotes: 1, voidedVotes: 0, final: false });
    const file = await t.call('GET', `/api/v1/polls/${id}/results.xlsx`, { token: w.leader.token });
    expect(file.status).toBe(200);
    const sheet = await readWorkbook(file.raw.rawPayload);
    expect(sheet.getRow(1).values).toEqual([undefined, '名次', '候选', '票数', '得票率']);
    expect(sheet.getRow(2).values).toEqual([undefined, 1, '候选人2', 1, '100.00%']);
    expect(sheet.getRow(3).values).toEqual([undefined, 2, '候选人1', 0, '0.00%']);
  });

  it('makes a finalist round of the top N once the first has ended, ties with the N-th included', async () => {
    clock.set(evening);
    const w = await activitiesWorld(t);
    // A short first round: staff sessions lapse after 30 idle minutes of the test clock.
    const id = await poll(
      t,
      w,
      { ballotsPerMemberPerDay: 5, perEntryPerDay: 1 },
      { startsAt: '2026-12-01T00:00:00+08:00', endsAt: '2026-12-01T20:20:00+08:00' },
    );
    const ids = await entries(t, w, id, 5);
    // Votes: 候选人1 3, 候选人2 2, 候选人3 1, 候选人4 1, 候选人5 0.
    const voters = [await activityMember(t, w), await activityMember(t, w), await activityMember(t, w)];
    for (const [i, v] of voters.entries()) {
      await vote(t, v.token, id, ids[0]!);
      if (i < 2) await vote(t, v.token, id, ids[1]!);
      if (i === 0) await vote(t, v.token, id, ids[2]!);
      if (i === 1) await vote(t, v.token, id, ids[3]!);
    }
    const finals = { topN: 3, startsAt: '2026-12-01T20:30:00+08:00', endsAt: '2026-12-20T00:00:00+08:00' };
    const early = await t.call('POST', `/api/v1/polls/${id}/finalists`, { token: w.officer.token, body: finals });
    expect(early.status).toBe(409);
    expect(early.json.error.details.reason).toBe('round_not_ended');
    clock.set(new Date('2026-12-01T12:25:00Z'));
    const round = await t.call('POST', `/api/v1/polls/${id}/finalists`, { token: w.officer.token, body: finals });
    expect(round.status).toBe(201);
    expect(round.json).toMatchObject({
      round: 2,
      previousPollId: id,
      title: '最美劳动者网络投票（决赛）',
      liveEntries: 4,
      totalVotes: 0,
      tiesIncluded: 1,
      ballotsPerMemberPerDay: 5,
    });
    const finalists = await t.call('GET', `/api/v1/polls/${round.json.id}/entries`, { token: w.officer.token });
    expect(
      finalists.json.items.map((e: { title: string; sourceEntryId: string; status: string }) => [
        e.title,
        e.sourceEntryId,
        e.status,
      ]),
    ).toEqual([
      ['候选人1', ids[0], 'live'],
      ['候选人2', ids[1], 'live'],
      ['候选人3', ids[2], 'live'],
      ['候选人4', ids[3], 'live'],
    ]);
    expect((await t.call('GET', `/api/v1/polls/${id}`, { token: w.officer.token })).json.nextPollId).toBe(
      round.json.id,
    );
    const twice = await t.call('POST', `/api/v1/polls/${id}/finalists`, { token: w.officer.token, body: finals });
    expect(twice.json.error.details.reason).toBe('final_round_exists');
    // The finalists take ballots in their own window.
    clock.set(new Date('2026-12-01T12:31:00Z'));
    expect((await vote(t, voters[0]!.token, round.json.id, finalists.json.items[3].id)).status).toBe(201);
  });

  it('ranks by competition ranking and picks finalists with ties included', () => {
    const ranked = [{ votes: 9 }, { votes: 7 }, { votes: 7 }, { votes: 5 }];
    expect(rankOf(ranked).map((r) => r.rank)).toEqual([1, 2, 2, 4]);
    expect(finalistsOf(ranked, 2)).toHaveLength(3);
    expect(finalistsOf(ranked, 3)).toHaveLength(3);
    expect(finalistsOf(ranked, 10)).toHaveLength(4);
  });
});

describe('flooding and suspicious bursts', () => {
  let throttled: TestApp;
  let flagging: TestApp;
  beforeAll(async () => {
    const shared = { database: t.database, clock };
    throttled = await startTestApp(
      { pollBallots: { perAddressPerMinute: 3, flagPerAddress: 1000, flagNewAccounts: 1000 } },
      shared,
    );
    flagging = await startTestApp(
      { pollBallots: { perAddressPerMinute: 1000, flagPerAddress: 3, flagNewAccounts: 5 } },
      shared,
    );
  });
  afterAll(async () => {
    await throttled.close();
    await flagging.close();
  });

  it('throttles ballots per client address: 429 RATE_LIMITED with Retry-After beyond the limit a minute', async () => {
    clock.set(evening);
    const w = await activitiesWorld(t);
    const id = await poll(t, w, { ballotsPerMemberPerDay: 10, perEntryPerDay: 10 });
    const [a] = await entries(t, w, id, 1);
    const m = await activityMember(t, w);
    const address = randomAddress();
    for (let i = 0; i < 3; i++) expect((await vote(throttled, m.token, id, a!, { address })).status).toBe(201);
    const flood = await vote(throttled, m.token, id, a!, { address });
    expect(flood.status).toBe(429);
    expect(flood.json.error.code).toBe('RATE_LIMITED');
    expect(Number(flood.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back; a minute later this one votes again.
    expect((await vote(throttled, m.token, id, a!)).status).toBe(201);
    clock.advance(120_000);
    expect((await vote(throttled, m.token, id, a!, { address })).status).toBe(201);
    expect(await ballotCount(id)).toBe(5);
  });

  it('flags bursts for one entry from one address or from new accounts; voiding takes their ballots out of the count', async () => {
    // The time now (fixed): accounts made by this test were created minutes before their ballots.
    const now = new Date();
    clock.set(now);
    const w = await activitiesWorld(t);
    const id = await poll(
      t,
      w,
      { ballotsPerMemberPerDay: 3, perEntryPerDay: 1 },
      {
        startsAt: new Date(now.getTime() - 3_600_000).toISOString(),
        endsAt: new Date(now.getTime() + 3_600_000).toISOString(),
      },
    );
    const [a, b] = await entries(t, w, id, 2);
    const voters = [];
    for (let i = 0; i < 5; i++) voters.push(await activityMember(t, w));
    const nat = randomAddress();
    // Three members behind one address vote for entry a: the third reaches the threshold.
    for (const v of voters.slice(0, 3))
      expect((await vote(flagging, v.token, id, a!, { address: nat })).status).toBe(201);
    // Five new accounts (all of these signed in minutes ago) vote for entry b, each from its own address.
    for (const v of voters) expect((await vote(flagging, v.token, id, b!)).status).toBe(201);
    const flags = await t.call('GET', `/api/v1/polls/${id}/flags`, { token: w.leader.token });
    expect(flags.status).toBe(200);
    const byKind = Object.fromEntries(flags.json.items.map((f: { kind: string }) => [f.kind, f]));
    expect(byKind.address).toMatchObject({
      entry: { id: a, title: '候选人1' },
      address: nat,
      ballotsAtFlag: 3,
      ballotsInWindow: 3,
      status: 'open',
      voidedBallots: null,
    });
    expect(byKind.new_accounts).toMatchObject({ entry: { id: b }, address: null, ballotsAtFlag: 5, status: 'open' });
    expect(flags.json.items).toHaveLength(2);
    expect((await t.call('GET', `/api/v1/polls/${id}`, { token: w.officer.token })).json.openFlags).toBe(2);
    // Flagged ballots still count until staff act.
    expect((await t.call('GET', `/api/v1/polls/${id}/results`, { token: w.officer.token })).json.totalVotes).toBe(8);
    const byLeader = await t.call('POST', `/api/v1/poll-flags/${byKind.address.id}/void`, {
      token: w.leader.token,
      body: {},
    });
    expect(byLeader.status).toBe(403);
    const voided = await t.call('POST', `/api/v1/poll-flags/${byKind.address.id}/void`, {
      token: w.officer.token,
      body: { note: '同一地址集中投票' },
    });
    expect(voided.status).toBe(200);
    expect(voided.json).toMatchObject({ status: 'voided', voidedBallots: 3 });
    const results = await t.call('GET', `/api/v1/polls/${id}/results`, { token: w.officer.token });
    expect(results.json).toMatchObject({ totalVotes: 5, voidedVotes: 3 });
    expect(results.json.items.find((i: { entryId: string }) => i.entryId === a).votes).toBe(0);
    expect((await t.call('GET', `/api/v1/public/polls/${id}/results`)).json.totalVotes).toBe(5);
    const again = await t.call('POST', `/api/v1/poll-flags/${byKind.address.id}/void`, {
      token: w.officer.token,
      body: {},
    });
    expect(again.json.error.code).toBe('INVALID_TRANSITION');
    const dismissed = await t.call('POST', `/api/v1/poll-flags/${byKind.new_accounts.id}/dismiss`, {
      token: w.officer.token,
      body: {},
    });
    expect(dismissed.json).toMatchObject({ status: 'dismissed', voidedBallots: null });
    // A voided ballot still used its voter's allowance for the day (no second chance for a stuffed ballot).
    expect((await vote(t, voters[0]!.token, id, a!)).json.error.details.limit).toBe('perEntryPerDay');
    const audited = await queryRows<{ action: string; n: number }>(
      t.ctx.db,
      sql`select action, count(*)::int as n from audit_log where object_type in ('poll', 'poll_flag') and (object_id = ${id} or object_id in (select id::text from poll_flags where poll_id = ${id})) group by action order by action`,
    );
    expect(audited).toEqual([
      { action: 'poll.ballot', n: 8 },
      { action: 'poll.create', n: 1 },
      { action: 'poll.void_ballots', n: 1 },
      { action: 'poll_flag.dismiss', n: 1 },
      { action: 'poll_flag.raise', n: 2 },
      { action: 'poll_flag.void', n: 1 },
    ]);
  });

  it('sees a burst across a clock boundary (a sliding ten minutes) and flags a long burst once per ten minutes', async () => {
    // 30 seconds before a ten-minute boundary of the clock (fixed windows would split the burst there).
    const base = new Date(Math.floor(Date.now() / 600_000) * 600_000 + 600_000 - 30_000);
    clock.set(base);
    const w = await activitiesWorld(t);
    const id = await poll(
      t,
      w,
      { ballotsPerMemberPerDay: 3, perEntryPerDay: 1 },
      {
        startsAt: new Date(base.getTime() - 3_600_000).toISOString(),
        endsAt: new Date(base.getTime() + 3_600_000).toISOString(),
      },
    );
    const [a] = await entries(t, w, id, 1);
    const voters = [];
    for (let i = 0; i < 9; i++) voters.push(await activityMember(t, w));
    const nat = randomAddress();
    const addressFlags = async () =>
      (await t.call('GET', `/api/v1/polls/${id}/flags`, { token: w.leader.token })).json.items.filter(
        (f: { kind: string }) => f.kind === 'address',
      ) as { ballotsAtFlag: number; ballotsInWindow: number; windowStart: string; windowEnd: string }[];
    for (const v of voters.slice(0, 2))
      expect((await vote(flagging, v.token, id, a!, { address: nat })).status).toBe(201);
    clock.advance(60_000); // past the boundary
    expect((await vote(flagging, voters[2]!.token, id, a!, { address: nat })).status).toBe(201);
    let flags = await addressFlags();
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ ballotsAtFlag: 3, ballotsInWindow: 3 });
    expect(new Date(flags[0]!.windowStart).getTime()).toBeLessThanOrEqual(base.getTime());
    expect(new Date(flags[0]!.windowEnd).getTime()).toBeGreaterThan(clock.now().getTime());
    // The burst goes on: no second flag while the first one's ten minutes overlap…
    clock.advance(120_000);
    for (const v of voters.slice(3, 6))
      expect((await vote(flagging, v.token, id, a!, { address: nat })).status).toBe(201);
    expect(await addressFlags()).toHaveLength(1);
    // …and one more once they no longer do.
    clock.advance(11 * 60_000);
    for (const v of voters.slice(6, 9))
      expect((await vote(flagging, v.token, id, a!, { address: nat })).status).toBe(201);
    flags = await addressFlags();
    expect(flags).toHaveLength(2);
    expect(flags.map((f) => f.ballotsAtFlag).sort()).toEqual([3, 3]);
  });
});
