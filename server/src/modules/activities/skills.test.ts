import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesWorld, activityMember, type ActivitiesWorld } from '../../../test/activities.js';
import { createStaffUser, freshWorld } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook } from '../../../test/uploads.js';
import { queryRows, sql } from '../../kernel/db/client.js';
import { rankEntries, tierPlaces, totalScore } from './skills.ranking.js';

describe('skills ranking maths', () => {
  it('weighs theory and practical in hundredths, rounding half up; weight 0 is the practical score alone', () => {
    // 80.00 × 30% + 90.50 × 70% = 24 + 63.35 = 87.35
    expect(totalScore(8000, 9050, 30)).toBe(8735);
    // 85.55 × 50% + 90.00 × 50% = 87.775 → 87.78
    expect(totalScore(8555, 9000, 50)).toBe(8778);
    expect(totalScore(null, 9123, 0)).toBe(9123);
    expect(totalScore(10000, 10000, 40)).toBe(10000);
  });

  it('ranks by total then practical; equal on both share a rank and the next skips', () => {
    const tiers = [{ name: '一等奖', count: 1 }];
    const ranked = rankEntries(
      [
        { total: 9000, practical: 9000 },
        { total: 9500, practical: 9000 },
        { total: 9000, practical: 9200 },
        { total: 9000, practical: 9000 },
        { total: null, practical: null },
        { total: 8000, practical: 8000 },
      ],
      tiers,
    );
    expect(ranked.map((r) => r.rank)).toEqual([3, 1, 2, 3, null, 5]);
    expect(ranked.map((r) => r.tier)).toEqual([null, 0, null, null, null, null]);
  });

  it('fills tiers from the top; a tie at a boundary takes the better tier for all tied', () => {
    const tiers = [
      { name: '一等奖', count: 1 },
      { name: '二等奖', count: 2 },
      { name: '三等奖', count: 3 },
    ];
    // totals: 99, 95, 90, 90, 85, 80, 80, 70 → ranks 1, 2, 3, 3, 5, 6, 6, 8
    const totals = [9900, 9500, 9000, 9000, 8500, 8000, 8000, 7000];
    const ranked = rankEntries(
      totals.map((total) => ({ total, practical: 5000 })),
      tiers,
    );
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 3, 5, 6, 6, 8]);
    // places 1 | 2 | 3 → cumulative 1, 3, 6: ranks 2 and the tied 3s are second (three second prizes), 5 and the
    // tied 6s third, 8 nothing.
    expect(ranked.map((r) => r.tier)).toEqual([0, 1, 1, 1, 2, 2, 2, null]);
    // A tie for first: both first.
    const tiedFirst = rankEntries(
      [
        { total: 9000, practical: 9000 },
        { total: 9000, practical: 9000 },
        { total: 8000, practical: 8000 },
      ],
      tiers,
    );
    expect(tiedFirst).toEqual([
      { rank: 1, tier: 0 },
      { rank: 1, tier: 0 },
      { rank: 3, tier: 1 },
    ]);
  });

  it('turns percentages into places of the ranked entries, rounding half up', () => {
    const tiers = [
      { name: '一等奖', percent: 10 },
      { name: '二等奖', percent: 20 },
      { name: '三等奖', percent: 30 },
    ];
    expect(tierPlaces(tiers, 24)).toEqual([2, 5, 7]); // 2.4 → 2, 4.8 → 5, 7.2 → 7
    expect(tierPlaces(tiers, 5)).toEqual([1, 1, 2]); // 0.5 → 1, 1 → 1, 1.5 → 2
    expect(tierPlaces(tiers, 4)).toEqual([0, 1, 1]); // 0.4 → 0: no first prize among four
    const ranked = rankEntries(
      [9000, 8000, 7000, 6000].map((total) => ({ total, practical: total })),
      tiers,
    );
    expect(ranked.map((r) => r.tier)).toEqual([1, 2, null, null]);
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

async function competition(w: ActivitiesWorld, body: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/api/v1/skills-competitions', {
    token: w.officer.token,
    body: {
      orgId: w.org.id,
      title: '全市职工职业技能大赛',
      startsOn: '2099-06-01',
      endsOn: '2099-06-03',
      ...body,
    },
  });
  expect(res.status).toBe(201);
  return res.json as { id: string; registrationOpen: boolean };
}

async function event(w: ActivitiesWorld, competitionId: string, body: Record<string, unknown>) {
  const res = await t.call('POST', `/api/v1/skills-competitions/${competitionId}/events`, {
    token: w.officer.token,
    body,
  });
  expect(res.status).toBe(201);
  return (res.json.events as { id: string; name: string }[]).find((e) => e.name === body.name)!.id;
}

describe('skills competitions', () => {
  it('registers members once per event, teams of the set size from one union, and only while open', async () => {
    const w = await activitiesWorld(t);
    const c = await competition(w);
    expect(c.registrationOpen).toBe(true);
    const electric = await event(w, c.id, { name: '电工', kind: 'individual', theoryWeight: 30 });
    const team = await event(w, c.id, { name: '焊工团体', kind: 'team', minTeamSize: 2, maxTeamSize: 3 });
    const a = await activityMember(t, w, w.grassroots.id, '张三明');
    const b = await activityMember(t, w, w.grassroots.id, '李四');
    const d = await activityMember(t, w, w.depot.id, '赵六');

    // The member in the app: once.
    const own = await t.call('POST', `/api/v1/skills-events/${electric}/registrations`, { token: a.token });
    expect(own.status, JSON.stringify(own.json)).toBe(201);
    expect(own.json.contestants).toEqual([{ memberId: a.memberId, name: '张三明' }]);
    expect(own.json.registeredBy).toBe('member');
    const again = await t.call('POST', `/api/v1/skills-events/${electric}/registrations`, { token: a.token });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ALREADY_REGISTERED');
    // …nor again by an officer, even concurrently with another registration of the same member.
    const byOfficer = await t.call('POST', `/api/v1/skills-events/${electric}/entries`, {
      token: w.officer.token,
      body: { memberIds: [a.memberId] },
    });
    expect(byOfficer.status).toBe(409);
    const racing = await Promise.all(
      [0, 1, 2].map(() =>
        t.call('POST', `/api/v1/skills-events/${electric}/entries`, {
          token: w.officer.token,
          body: { memberIds: [b.memberId] },
        }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    // A team event is not for self-registration.
    const selfTeam = await t.call('POST', `/api/v1/skills-events/${team}/registrations`, { token: d.token });
    expect(selfTeam.status).toBe(400);

    // Team size and one union per team.
    const tooSmall = await t.call('POST', `/api/v1/skills-events/${team}/entries`, {
      token: w.officer.token,
      body: { memberIds: [a.memberId] },
    });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.json.error.details.issues[0].code).toBe('team_size');
    const mixed = await t.call('POST', `/api/v1/skills-events/${team}/entries`, {
      token: w.officer.token,
      body: { memberIds: [a.memberId, d.memberId] },
    });
    expect(mixed.status).toBe(400);
    expect(mixed.json.error.details.issues[0].code).toBe('one_union');
    const individualTwo = await t.call('POST', `/api/v1/skills-events/${electric}/entries`, {
      token: w.officer.token,
      body: { memberIds: [d.memberId, a.memberId] },
    });
    expect(individualTwo.status).toBe(400);
    const teamOk = await t.call('POST', `/api/v1/skills-events/${team}/entries`, {
      token: w.officer.token,
      body: { memberIds: [a.memberId, b.memberId] },
    });
    expect(teamOk.status).toBe(201);
    expect(teamOk.json.teamName).toBe(`${w.grassroots.name}代表队`);
    expect(teamOk.json.org).toEqual({ id: w.grassroots.id, name: w.grassroots.name });

    // A grassroots officer registers their own members in the federation's competition, not the depot's.
    const localOfficer = await createStaffUser(t, w.admin.token, w.depot.id, ['activity_officer']);
    const seen = await t.call('GET', `/api/v1/skills-competitions/${c.id}`, { token: localOfficer.token });
    expect(seen.status).toBe(200);
    expect(seen.json.mayRun).toBe(false);
    const notTheirs = await t.call('POST', `/api/v1/skills-events/${electric}/entries`, {
      token: localOfficer.token,
      body: { memberIds: [a.memberId] },
    });
    expect(notTheirs.status).toBe(400);
    expect(notTheirs.json.error.details.issues[0].code).toBe('not_in_scope');
    const theirs = await t.call('POST', `/api/v1/skills-events/${electric}/entries`, {
      token: localOfficer.token,
      body: { memberIds: [d.memberId] },
    });
    expect(theirs.status).toBe(201);
    const listed = await t.call('GET', `/api/v1/skills-events/${electric}/entries`, { token: localOfficer.token });
    expect(listed.json.items.map((e: { org: { id: string } }) => e.org.id)).toEqual([w.depot.id]);
    const scoring = await t.call('PUT', `/api/v1/skills-events/${electric}/scores`, {
      token: localOfficer.token,
      body: { items: [{ entryId: theirs.json.id, theory: 90, practical: 90 }] },
    });
    expect(scoring.status).toBe(404);

    // The member sees the competition and their entry; withdraws it while open.
    const mine = await t.call('GET', '/api/v1/me/skills-competitions', { token: a.token });
    const shown = mine.json.items.find((x: { id: string }) => x.id === c.id);
    expect(shown.events.find((e: { id: string }) => e.id === electric).myEntry.entryId).toBe(own.json.id);
    const withdrawn = await t.call('DELETE', `/api/v1/skills-entries/${own.json.id}`, { token: a.token });
    expect(withdrawn.status).toBe(204);
    const others = await t.call('DELETE', `/api/v1/skills-entries/${theirs.json.id}`, { token: a.token });
    expect(others.status).toBe(404);

    // Closed registration: 409.
    const closed = await competition(w, { registrationClosesAt: '2020-01-01T00:00:00+08:00' });
    expect(closed.registrationOpen).toBe(false);
    const late = await event(w, closed.id, { name: '钳工', kind: 'individual' });
    const refused = await t.call('POST', `/api/v1/skills-events/${late}/registrations`, { token: a.token });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('ACTIVITY_NOT_OPEN');
  });

  it('scores, ranks with ties, awards tiers, publishes masked results and exports them', async () => {
    const w = await activitiesWorld(t);
    const c = await competition(w, {
      prizeTiers: [
        { name: '一等奖', count: 1 },
        { name: '二等奖', count: 1 },
      ],
    });
    const electric = await event(w, c.id, { name: '电工', kind: 'individual', theoryWeight: 40 });
    const single = await event(w, c.id, { name: '叉车', kind: 'individual', theoryWeight: 0 });
    const people = [
      await activityMember(t, w, w.grassroots.id, '张三明'),
      await activityMember(t, w, w.grassroots.id, '李小红'),
      await activityMember(t, w, w.depot.id, '赵大海'),
      await activityMember(t, w, w.depot.id, '钱多'),
    ];
    const entries: string[] = [];
    for (const p of people) {
      const res = await t.call('POST', `/api/v1/skills-events/${electric}/registrations`, { token: p.token });
      entries.push(res.json.id);
    }
    const forklift = await t.call('POST', `/api/v1/skills-events/${single}/registrations`, { token: people[0]!.token });

    // Theory required where weighed, refused where not; an entry of another event is 400.
    const missing = await t.call('PUT', `/api/v1/skills-events/${electric}/scores`, {
      token: w.officer.token,
      body: { items: [{ entryId: entries[0], practical: 90 }] },
    });
    expect(missing.status).toBe(400);
    const extra = await t.call('PUT', `/api/v1/skills-events/${single}/scores`, {
      token: w.officer.token,
      body: { items: [{ entryId: forklift.json.id, theory: 80, practical: 90 }] },
    });
    expect(extra.status).toBe(400);
    const elsewhere = await t.call('PUT', `/api/v1/skills-events/${single}/scores`, {
      token: w.officer.token,
      body: { items: [{ entryId: entries[0], practical: 90 }] },
    });
    expect(elsewhere.status).toBe(400);
    const judgeTry = await t.call('PUT', `/api/v1/skills-events/${electric}/scores`, {
      token: w.leader.token,
      body: { items: [{ entryId: entries[0], theory: 80, practical: 90 }] },
    });
    expect(judgeTry.status).toBe(403);

    // 张: 80×0.4 + 90×0.6 = 86; 李: 90×0.4 + 83.33×0.6 = 86 (86.00 after rounding: 36 + 49.998) but practical lower;
    // 赵: 86 with practical 90 (ties 张 on both: same rank); 钱: no score.
    const scored = await t.call('PUT', `/api/v1/skills-events/${electric}/scores`, {
      token: w.officer.token,
      body: {
        items: [
          { entryId: entries[0], theory: 80, practical: 90 },
          { entryId: entries[1], theory: 90, practical: 83.33 },
          { entryId: entries[2], theory: 80, practical: 90 },
        ],
      },
    });
    expect(scored.status).toBe(200);
    expect(scored.json.updated).toBe(3);
    await t.call('PUT', `/api/v1/skills-events/${single}/scores`, {
      token: w.officer.token,
      body: { items: [{ entryId: forklift.json.id, practical: 77.5 }] },
    });

    // Not public until published.
    const early = await t.call('GET', `/api/v1/public/skills-competitions/${c.id}/results`);
    expect(early.status).toBe(404);
    const staffView = await t.call('GET', `/api/v1/skills-competitions/${c.id}/results`, { token: w.leader.token });
    expect(staffView.status).toBe(200);
    const rows = staffView.json.events[0].items as {
      rank: number | null;
      tier: string | null;
      contestants: string[];
      total: number | null;
    }[];
    expect(rows.map((r) => [r.contestants[0], r.rank, r.tier, r.total])).toEqual([
      ['张三明', 1, '一等奖', 86],
      ['赵大海', 1, '一等奖', 86],
      ['李小红', 3, null, 86],
      ['钱多', null, null, null],
    ]);
    expect(staffView.json.events[1].items[0]).toMatchObject({ rank: 1, tier: '一等奖', theory: null, total: 77.5 });

    const published = await t.call('POST', `/api/v1/skills-competitions/${c.id}/publication`, {
      token: w.officer.token,
    });
    expect(published.status).toBe(200);
    expect(published.json.resultsPublishedAt).not.toBeNull();
    const publicView = await t.call('GET', `/api/v1/public/skills-competitions/${c.id}/results`);
    expect(publicView.status).toBe(200);
    const first = publicView.json.events[0].items[0];
    expect(first.contestants).toEqual(['张*明']);
    expect(first.org.name).toBe(w.grassroots.name);
    expect(JSON.stringify(publicView.json)).not.toContain('张三明');
    expect(JSON.stringify(publicView.json)).not.toContain('赵大海');

    // Final: no more scores, no second publication, no registration.
    const after = await t.call('PUT', `/api/v1/skills-events/${electric}/scores`, {
      token: w.officer.token,
      body: { items: [{ entryId: entries[3], theory: 99, practical: 99 }] },
    });
    expect(after.status).toBe(409);
    const twice = await t.call('POST', `/api/v1/skills-competitions/${c.id}/publication`, { token: w.officer.token });
    expect(twice.status).toBe(409);

    const xlsx = await t.call('GET', `/api/v1/skills-competitions/${c.id}/results.xlsx`, { token: w.leader.token });
    expect(xlsx.status).toBe(200);
    const sheet = await readWorkbook(xlsx.raw.rawPayload);
    expect(sheet.getRow(1).getCell(1).value).toBe('项目');
    expect(sheet.getRow(2).values).toEqual(
      expect.arrayContaining(['电工', 1, '一等奖', '张三明', w.grassroots.name, 80, 90, 86]),
    );
    expect(sheet.rowCount).toBe(6);
    const audits = await queryRows<{ action: string }>(
      t.ctx.db,
      sql`select action from audit_log where object_id = ${c.id} order by seq`,
    );
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['skills_competition.create', 'skills_competition.publish', 'skills_competition.export']),
    );
  });

  it("answers 404 to another federation's officer and to their members", async () => {
    const w = await activitiesWorld(t);
    const c = await competition(w);
    const electric = await event(w, c.id, { name: '电工', kind: 'individual' });
    const m = await activityMember(t, w);
    const entry = await t.call('POST', `/api/v1/skills-events/${electric}/registrations`, { token: m.token });
    const other = await freshWorld(t);
    const stranger = await createStaffUser(t, other.admin.token, other.org.id, ['activity_officer']);
    const outsider = await activityMember(t, other, other.grassroots.id);
    const probes: [string, string, unknown?][] = [
      ['GET', `/api/v1/skills-competitions/${c.id}`],
      ['POST', `/api/v1/skills-competitions/${c.id}/events`, { name: '焊工', kind: 'individual' }],
      ['POST', `/api/v1/skills-competitions/${c.id}/publication`],
      ['GET', `/api/v1/skills-competitions/${c.id}/results`],
      ['GET', `/api/v1/skills-competitions/${c.id}/results.xlsx`],
      ['GET', `/api/v1/skills-events/${electric}/entries`],
      ['POST', `/api/v1/skills-events/${electric}/entries`, { memberIds: [outsider.memberId] }],
      [
        'PUT',
        `/api/v1/skills-events/${electric}/scores`,
        { items: [{ entryId: entry.json.id, theory: 1, practical: 1 }] },
      ],
      ['DELETE', `/api/v1/skills-entries/${entry.json.id}`],
    ];
    for (const [method, url, body] of probes) {
      const res = await t.call(method as 'GET', url, { token: stranger.token, body });
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    const list = await t.call('GET', '/api/v1/skills-competitions', { token: stranger.token });
    expect(list.json.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    const foreignMember = await t.call('POST', `/api/v1/skills-events/${electric}/registrations`, {
      token: outsider.token,
    });
    expect(foreignMember.status).toBe(404);
    const theirList = await t.call('GET', '/api/v1/me/skills-competitions', { token: outsider.token });
    expect(theirList.json.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
  });
});
