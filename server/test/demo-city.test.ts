import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hardshipLevels, hardshipStatuses, programmeKinds, proposalStatuses } from '../../shared/labels.js';
import { bootstrap } from '../src/bootstrap.js';
import { demoStaffPassword } from '../src/demo/demo-city.js';
import { migrateDatabase, openDatabase, type Database } from '../src/kernel/db/client.js';
import { asc, eq } from 'drizzle-orm';
import { orgs } from '../src/kernel/db/kernel.tables.js';
import { members } from '../src/modules/members/index.js';
import { workerLogin } from './factories.js';
import { startTestApp, type TestApp } from './harness.js';
import { scratchDatabaseUrl } from './scratch-database.js';

/** The demo city `npm start` loads, on a database of its own (PGlite in memory, or a scratch PostgreSQL database). */
let t: TestApp;
let database: Database;
beforeAll(async () => {
  const databaseUrl = process.env.DATABASE_URL ? await scratchDatabaseUrl(process.env.DATABASE_URL, 'demo') : null;
  database = await openDatabase({ databaseUrl, dataDir: null });
  await migrateDatabase(database);
  t = await startTestApp({ demoData: true, databaseUrl }, { database });
  expect((await bootstrap(t.ctx)).demoLoaded).toBe(true);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await database?.close();
});

async function login(username: string): Promise<string> {
  const res = await t.call('POST', '/api/v1/auth/staff-login', { body: { username, password: demoStaffPassword } });
  expect(res.status).toBe(200);
  return res.json.token;
}

describe('demo city', () => {
  it("has Xi'an's benefit programmes of every kind, with applications in every state and real histories", async () => {
    const token = await login('xian_programmes');
    const programmes = (await t.call('GET', '/api/v1/programmes?limit=100', { token })).json.items as {
      id: string;
      kind: string;
    }[];
    expect(new Set(programmes.map((p) => p.kind))).toEqual(new Set(programmeKinds));
    const states = new Set<string>();
    for (const p of programmes) {
      const page = await t.call('GET', `/api/v1/applications?programmeId=${p.id}&limit=100`, { token });
      for (const a of page.json.items as { status: string }[]) states.add(a.status);
    }
    for (const state of [
      'review_1',
      'review_2',
      'returned',
      'rejected',
      'withdrawn',
      'reviewed',
      'publicity',
      'approved',
      'disbursed',
    ])
      expect(states).toContain(state);

    const fund = programmes.find((p) => p.kind === 'model_worker_fund')!;
    const verified = await t.call('GET', `/api/v1/programmes/${fund.id}/notices/verify`, { token });
    expect(verified.json.ok).toBe(true);
    const objections = await t.call('GET', `/api/v1/programmes/${fund.id}/objections`, { token });
    expect(objections.json.items).toHaveLength(1);
    expect(objections.json.items[0].answer).toBeNull();

    const aid = programmes.find((p) => p.kind === 'student_aid')!;
    const reconciliation = await t.call('GET', `/api/v1/programmes/${aid.id}/reconciliation`, { token });
    expect(reconciliation.json).toMatchObject({ approved: 4, paid: 2, failed: 1, pending: 1, unbatched: 0 });

    // Work-study pay recorded within the caps; mutual-aid claims computed by the tiers.
    const workStudy = programmes.find((p) => p.kind === 'work_study')!;
    const placements = await t.call('GET', `/api/v1/applications?programmeId=${workStudy.id}&status=approved`, {
      token,
    });
    expect(placements.json.items.map((a: { amountFen: number }) => a.amountFen)).toEqual([12_000, 12_000]);
    const mutualAid = programmes.find((p) => p.kind === 'medical_mutual_aid')!;
    const claims = await t.call('GET', `/api/v1/applications?programmeId=${mutualAid.id}`, { token });
    // Self-paid 1,360,000 and 2,560,000 fen: 50% of the first 1,000,000, 60% above it.
    expect(
      claims.json.items.map((a: { amountFen: number }) => a.amountFen).sort((a: number, b: number) => a - b),
    ).toEqual([716_000, 1_436_000]);

    // Quota programmes: signups waiting for the window to close.
    const trip = programmes.find((p) => p.kind === 'recuperation')!;
    const signups = await t.call('GET', `/api/v1/programmes/${trip.id}/signups`, { token });
    expect(signups.json.items).toHaveLength(6);
    expect(new Set(signups.json.items.map((s: { status: string }) => s.status))).toEqual(new Set(['applied']));

    // The courier union's officer sees the first review waiting for them.
    const union = await login('g_courier_programmes');
    const queue = await t.call('GET', '/api/v1/applications?awaitingMe=true', { token: union });
    expect(queue.json.items.map((a: { status: string }) => a.status)).toEqual(['review_1']);
  });

  it("has the city's congress of 300 representatives, proposals in every state, motions, scores and a review", async () => {
    const token = await login('xian_participation');
    const congresses = (await t.call('GET', '/api/v1/congresses', { token })).json.items as {
      id: string;
      name: string;
      kind: string;
      representatives: number;
    }[];
    const congress = congresses.find((c) => c.name === '西安市总工会第十五届会员代表大会')!;
    expect(congress).toMatchObject({ kind: 'members_congress', representatives: 300 });
    const delegations = await t.call('GET', `/api/v1/congresses/${congress.id}/scores?limit=1`, { token });
    expect(delegations.json.delegations).toEqual(expect.arrayContaining(['新城区代表团', '灞桥区代表团']));

    // Every state of the proposals' loop, one assigned proposal overdue.
    const stats = await t.call('GET', `/api/v1/congresses/${congress.id}/proposal-stats`, { token });
    for (const state of proposalStatuses) expect(stats.json.byStatus[state], state).toBeGreaterThan(0);
    expect(stats.json.overdue).toBe(1);
    expect(stats.json.averageRating).toBeGreaterThan(0);

    // The published motion and the open one; the disclosures' hash chain holds.
    const motions = (await t.call('GET', `/api/v1/congresses/${congress.id}/motions`, { token })).json.items as {
      id: string;
      status: string;
    }[];
    expect(motions.map((m) => m.status).sort()).toEqual(['closed', 'open']);
    const result = await t.call('GET', `/api/v1/motions/${motions.find((m) => m.status === 'closed')!.id}/result`, {
      token,
    });
    expect(result.json).toMatchObject({ quorumMet: true, passed: true });
    const verified = await t.call('GET', `/api/v1/congresses/${congress.id}/disclosures/verify`, { token });
    expect(verified.json).toMatchObject({ ok: true, checked: 1 });

    // The leaderboard has a spread of points.
    const scores = await t.call('GET', `/api/v1/congresses/${congress.id}/scores?limit=100`, { token });
    expect(scores.json.representatives).toBe(300);
    expect(new Set(scores.json.items.map((i: { total: number }) => i.total)).size).toBeGreaterThan(3);

    // 会员评家: open, answered by a share of members in every district.
    const reviews = await t.call('GET', '/api/v1/union-reviews', { token });
    const review = reviews.json.items[0];
    expect(review.open).toBe(true);
    const outcome = await t.call('GET', `/api/v1/union-reviews/${review.id}/result`, { token });
    expect(outcome.json.overall.participationRate).toBeGreaterThan(0.3);
    const districts = outcome.json.children.filter((c: { org: { name: string } }) => c.org.name.endsWith('区总工会'));
    expect(districts).toHaveLength(6);
    for (const d of districts) expect(d.participationRate).toBeGreaterThan(0);

    // 职工事大家议: suggestions with supports; one taken up, one answered, one rejected, one from a converted proposal.
    const suggestions = await t.call('GET', '/api/v1/suggestions?limit=100', { token });
    const statuses = suggestions.json.items.map((s: { status: string }) => s.status);
    expect(statuses.length).toBeGreaterThanOrEqual(10);
    for (const state of ['taken_up', 'answered', 'rejected', 'open']) expect(statuses).toContain(state);

    // The textile mill's 职代会: the resettlement plan voted and published on its own chain.
    const textile = await login('g_textile_participation');
    const mill = (await t.call('GET', '/api/v1/congresses', { token: textile })).json.items[0];
    expect(mill.kind).toBe('workers_congress');
    const plan = (await t.call('GET', `/api/v1/congresses/${mill.id}/motions`, { token: textile })).json.items[0];
    expect(plan).toMatchObject({ title: '灞桥区纺织厂整体搬迁职工安置方案', status: 'closed' });
    const millVerified = await t.call('GET', `/api/v1/congresses/${mill.id}/disclosures/verify`, { token: textile });
    expect(millVerified.json).toMatchObject({ ok: true, checked: 1 });
  });

  it('shows 13900000001 as a representative with a proposal waiting for their rating and a co-sign request', async () => {
    const { token } = await workerLogin(t, '13900000001');
    const terms = await t.call('GET', '/api/v1/me/congresses', { token });
    expect(terms.json.items.map((c: { name: string }) => c.name)).toContain('西安市总工会第十五届会员代表大会');
    const proposals = (await t.call('GET', '/api/v1/proposals?limit=100', { token })).json.items as {
      title: string;
      status: string;
      availableActions: string[];
      myCosignature: string | null;
    }[];
    const own = proposals.find((p) => p.title === '关于开设职工子女暑期托管班的建议')!;
    expect(own).toMatchObject({ status: 'answered' });
    expect(own.availableActions).toContain('rate');
    expect(proposals.filter((p) => p.myCosignature === 'pending')).toHaveLength(1);
    const motions = await t.call('GET', '/api/v1/me/motions', { token });
    const open = motions.json.items.find((m: { status: string }) => m.status === 'open');
    expect(open.myChoice).toBeNull();
  });

  it("has the city's participation officer, who opens a congress term of the city and searches its members", async () => {
    const token = await login('xian_participation');
    const me = await t.call('GET', '/api/v1/me', { token });
    expect(me.json.staff).toMatchObject({ roles: ['participation_officer'], org: { name: '西安市总工会' } });
    const created = await t.call('POST', '/api/v1/congresses', {
      token,
      body: {
        orgId: me.json.staff.org.id,
        name: '西安市总工会第十五届会员代表大会',
        termStartsOn: '2026-01-01',
        termEndsOn: '2030-12-31',
      },
    });
    expect(created.status).toBe(201);
    const found = await t.call('GET', `/api/v1/members?orgId=${me.json.staff.org.id}&limit=5`, { token });
    expect(found.status).toBe(200);
    expect(found.json.items.length).toBeGreaterThan(0);
    const added = await t.call('POST', `/api/v1/congresses/${created.json.id}/representatives`, {
      token,
      body: { memberId: found.json.items[0].id },
    });
    expect(added.status).toBe(201);
  });

  it("has 灞桥区's survey of 765 households in every state, reviews overdue, plans, help, campaigns and visits", async () => {
    const token = await login('d_baqiao_assistance');
    const me = await t.call('GET', '/api/v1/me', { token });
    const stats = await t.call('GET', `/api/v1/hardship/stats?orgId=${me.json.staff.org.id}`, { token });
    expect(stats.status).toBe(200);
    expect(stats.json.total).toBe(765);
    for (const state of hardshipStatuses) expect(stats.json.byStatus[state]).toBeGreaterThan(0);
    for (const level of hardshipLevels) expect(stats.json.byLevel[level]).toBeGreaterThan(0);
    expect(stats.json.reviewsOverdue).toBeGreaterThan(0);
    expect(stats.json.verificationOverdue).toBeGreaterThan(0);
    // The city's officer sees the district's archives in its totals (reported up the tree).
    const city = await login('xian_assistance');
    const cityMe = await t.call('GET', '/api/v1/me', { token: city });
    const cityStats = await t.call('GET', `/api/v1/hardship/stats?orgId=${cityMe.json.staff.org.id}`, { token: city });
    expect(cityStats.json.total).toBe(765);

    const campaigns = await t.call('GET', '/api/v1/aid-campaigns', { token });
    const winter = campaigns.json.items.find((c: { season: string }) => c.season === 'winter');
    expect(winter).toMatchObject({ status: 'open', spentFen: 18 * 50_000 });
    const visits = await t.call('GET', '/api/v1/hardship/visits', { token });
    expect(visits.json.items.length).toBeGreaterThan(10);

    // The first member of 灞桥区纺织厂工会 heads a household: their app shows the help it received.
    const [head] = await t.ctx.db
      .select({ phoneEnc: members.phoneEnc })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(eq(orgs.name, '灞桥区纺织厂工会'))
      .orderBy(asc(members.createdAt))
      .limit(1);
    const member = await workerLogin(t, t.ctx.pii.decrypt(head!.phoneEnc));
    const aid = await t.call('GET', '/api/v1/me/hardship/aid', { token: member.token });
    expect(aid.status).toBe(200);
    expect(aid.json.household).toMatchObject({ status: 'archived' });
    expect(aid.json.items.length).toBeGreaterThanOrEqual(3);
  });
  it("has the city's activities: a running quiz and walk, stories, a poll's 40 finalists, a 五小 contest in judging", async () => {
    const token = await login('xian_activities');
    const quizzes = await t.call('GET', '/api/v1/quizzes', { token });
    expect(quizzes.status).toBe(200);
    expect(quizzes.json.items).toHaveLength(1);
    const board = await t.call('GET', `/api/v1/quizzes/${quizzes.json.items[0].id}/leaderboard`, { token });
    expect(board.json.items.length).toBeGreaterThan(10);
    const walks = await t.call('GET', '/api/v1/walk-challenges', { token });
    expect(walks.json.items).toHaveLength(1);
    const byOrg = await t.call('GET', `/api/v1/walk-challenges/${walks.json.items[0].id}/leaderboard?by=org`, {
      token,
    });
    expect(byOrg.json.orgs.length).toBeGreaterThan(1);
    const stories = await t.call('GET', '/api/v1/public/stories');
    expect(stories.json.items).toHaveLength(7);
    const polls = await t.call('GET', '/api/v1/polls', { token });
    expect(polls.json.items).toHaveLength(2);
    const final = polls.json.items.find((p: { previousPollId: string | null }) => p.previousPollId);
    const results = await t.call('GET', `/api/v1/public/polls/${final.id}/results`);
    expect(results.json.items.length).toBeGreaterThanOrEqual(40);
    expect(results.json.totalVotes).toBeGreaterThan(0);
    // A judge from 莲湖区 has a queue, blind, with no entry of their own district.
    const judge = await login('judge_lianhu');
    const queue = await t.call('GET', '/api/v1/judging/assignments', { token: judge });
    expect(queue.status).toBe(200);
    expect(queue.json.items.length).toBeGreaterThan(0);
    const contests = await t.call('GET', '/api/v1/contests', { token });
    const ranking = await t.call('GET', `/api/v1/contests/${contests.json.items[0].id}/ranking`, { token });
    expect(ranking.status).toBe(200);
  });
});
