import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesWorld, activityMember, type ActivitiesWorld } from '../../../test/activities.js';
import { createStaffUser, freshWorld } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook, uploadFile } from '../../../test/uploads.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const rubric = [
  { criterion: '创新性', weight: 40, maxScore: 10 },
  { criterion: '实用性', weight: 40, maxScore: 10 },
  { criterion: '经济效益', weight: 20, maxScore: 10 },
];

async function createContest(w: ActivitiesWorld, extra: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/api/v1/contests', {
    token: w.officer.token,
    body: { orgId: w.org.id, title: '2026年职工“五小”创新成果评选', rubric, ...extra },
  });
  expect(res.status).toBe(201);
  return res.json as { id: string; categories: { key: string; label: string }[] };
}

async function photo(token: string, name = '王建国的发明.png') {
  const res = await uploadFile(
    t,
    '/api/v1/contest-files',
    token,
    name,
    PNG.sync.write(new PNG({ width: 2, height: 2 })),
    'image/png',
  );
  expect(res.status).toBe(201);
  return res.json.id as string;
}

const enter = (token: string, contestId: string, body: Record<string, unknown> = {}, headers = {}) =>
  t.call('POST', `/api/v1/contests/${contestId}/entries`, {
    token,
    headers,
    body: {
      title: '数控车床快速换刀装置',
      category: 'invention',
      description: '换刀时间由15分钟缩短到3分钟，年节约工时两千小时。',
      ...body,
    },
  });

const score = (token: string, entryId: string, values: [number, number, number], comment?: string) =>
  t.call('PUT', `/api/v1/contest-entries/${entryId}/scores`, {
    token,
    body: {
      scores: rubric.map((c, i) => ({ criterion: c.criterion, score: values[i] })),
      ...(comment ? { comment } : {}),
    },
  });

/** A contest with entries from the grassroots union and the depot, its five judges named and assigned. */
async function judgedContest(w: ActivitiesWorld, entries = 2) {
  const contest = await createContest(w);
  const factoryMember = await activityMember(t, w, w.grassroots.id, '王建国');
  const depotMember = await activityMember(t, w, w.depot.id, '李秀英');
  const ids: string[] = [];
  for (let i = 0; i < entries; i++) {
    const who = i % 2 === 0 ? factoryMember : depotMember;
    const res = await enter(who.token, contest.id, { title: `作品${i + 1}`, fileIds: [await photo(who.token)] });
    expect(res.status).toBe(201);
    ids.push(res.json.id);
  }
  const judges = await t.call('POST', `/api/v1/contests/${contest.id}/judges`, {
    token: w.officer.token,
    body: { staffIds: w.judges.map((j) => j.id) },
  });
  expect(judges.status).toBe(200);
  const assigned = await t.call('POST', `/api/v1/contests/${contest.id}/assignments`, { token: w.officer.token });
  expect(assigned.status).toBe(201);
  return { contest, factoryMember, depotMember, entryIds: ids, assigned: assigned.json };
}

/** The judges of `w` assigned to an entry (from the officer's full view). */
async function judgesOf(w: ActivitiesWorld, entryId: string) {
  const res = await t.call('GET', `/api/v1/contest-entries/${entryId}`, { token: w.officer.token });
  expect(res.status).toBe(200);
  const ids = (res.json.judges as { judge: { staffId: string } }[]).map((j) => j.judge.staffId);
  return w.judges.filter((j) => ids.includes(j.id));
}

describe('creating a contest', () => {
  it('creates one with the five 五小 categories by default, and refuses a bad rubric with 400', async () => {
    const w = await activitiesWorld(t);
    const contest = await createContest(w);
    expect(contest).toMatchObject({
      status: 'open',
      acceptingEntries: true,
      judgesPerEntry: 3,
      rubric,
      org: { id: w.org.id },
    });
    expect(contest.categories.map((c) => c.label)).toEqual(['小发明', '小创造', '小革新', '小设计', '小建议']);
    for (const bad of [
      { rubric: [{ criterion: 'a', weight: 0, maxScore: 10 }] },
      { rubric: [{ criterion: 'a', weight: -1, maxScore: 10 }] },
      { rubric: [{ criterion: 'a', weight: 1, maxScore: 0 }] },
      { rubric: [] },
      {
        rubric: [
          { criterion: 'a', weight: 1, maxScore: 10 },
          { criterion: 'a', weight: 1, maxScore: 10 },
        ],
      },
      { rubric, judgesPerEntry: 2 },
      { rubric, categories: [{ key: 'Bad Key', label: 'x' }] },
      { rubric, submissionsOpenAt: '2026-05-01T00:00:00+08:00', submissionsCloseAt: '2026-04-01T00:00:00+08:00' },
    ]) {
      const res = await t.call('POST', '/api/v1/contests', {
        token: w.officer.token,
        body: { orgId: w.org.id, title: 'x', ...bad },
      });
      expect({ bad, status: res.status, code: res.json.error?.code }).toEqual({
        bad,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });

  it("takes API.md's body as written: no orgId (the caller's union) and categories by their labels", async () => {
    const w = await activitiesWorld(t);
    const res = await t.call('POST', '/api/v1/contests', {
      token: w.officer.token,
      body: { title: '云创客大赛', categories: ['小发明', '小革新', '数字化应用'], rubric },
    });
    expect(res.status).toBe(201);
    expect(res.json.org.id).toBe(w.org.id);
    expect(res.json.categories).toEqual([
      { key: 'invention', label: '小发明' },
      { key: 'innovation', label: '小革新' },
      { key: 'c3', label: '数字化应用' },
    ]);
    const member = await activityMember(t, w);
    const entry = await enter(member.token, res.json.id, { category: '数字化应用' });
    expect(entry.status).toBe(201);
    expect(entry.json.category).toBe('c3');
  });

  it('answers 404 to another federation’s officer, and 403 to a judge', async () => {
    const w = await activitiesWorld(t);
    const contest = await createContest(w);
    const other = await freshWorld(t);
    const stranger = await createStaffUser(t, other.admin.token, other.org.id, ['activity_officer']);
    for (const [method, url, body] of [
      ['POST', '/api/v1/contests', { orgId: w.org.id, title: 'x', rubric }],
      ['GET', `/api/v1/contests/${contest.id}`, undefined],
      ['GET', `/api/v1/contests/${contest.id}/ranking`, undefined],
      ['GET', `/api/v1/contests/${contest.id}/entries`, undefined],
      ['POST', `/api/v1/contests/${contest.id}/judges`, { staffIds: [w.judges[0]!.id] }],
      ['POST', `/api/v1/contests/${contest.id}/assignments`, undefined],
    ] as const) {
      const res = await t.call(method, url, { token: stranger.token, ...(body ? { body } : {}) });
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
    }
    const asJudge = await t.call('POST', `/api/v1/contests/${contest.id}/assignments`, { token: w.judges[0]!.token });
    expect(asJudge.status).toBe(403);
  });
});

describe('entries', () => {
  it('takes a member’s team entry with files, replays a retry with the same Idempotency-Key, lists it as theirs', async () => {
    const w = await activitiesWorld(t);
    const contest = await createContest(w);
    const member = await activityMember(t, w);
    const fileId = await photo(member.token);
    const body = { teamName: '王建国创新工作室', teamMembers: ['张伟', '刘洋'], fileIds: [fileId] };
    const first = await enter(member.token, contest.id, body, { 'idempotency-key': 'entry-1' });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      categoryLabel: '小发明',
      entrant: {
        name: '王建国',
        teamName: '王建国创新工作室',
        teamMembers: ['张伟', '刘洋'],
        org: { id: w.grassroots.id },
      },
      files: [{ id: fileId, mediaType: 'image/png' }],
      award: null,
    });
    const again = await enter(member.token, contest.id, body, { 'idempotency-key': 'entry-1' });
    expect(again.json.id).toBe(first.json.id);
    const mine = await t.call('GET', '/api/v1/me/contest-entries', { token: member.token });
    expect(mine.json.items.map((e: { id: string }) => e.id)).toEqual([first.json.id]);
    const open = await t.call('GET', '/api/v1/me/contests', { token: member.token });
    expect(open.json.items.map((c: { id: string }) => c.id)).toContain(contest.id);
    // The member reads their own entry and file; another member gets 404.
    expect((await t.call('GET', `/api/v1/contest-entries/${first.json.id}`, { token: member.token })).status).toBe(200);
    const stranger = await activityMember(t, w, w.depot.id, '赵六');
    expect((await t.call('GET', `/api/v1/contest-entries/${first.json.id}`, { token: stranger.token })).status).toBe(
      404,
    );
  });

  it('refuses an unknown category, someone else’s file and a file used twice (400), a closed window (409)', async () => {
    const w = await activitiesWorld(t);
    const contest = await createContest(w);
    const member = await activityMember(t, w);
    const other = await activityMember(t, w, w.depot.id, '李四');
    expect((await enter(member.token, contest.id, { category: 'nope' })).status).toBe(400);
    const theirs = await photo(other.token);
    const res = await enter(member.token, contest.id, { fileIds: [theirs] });
    expect(res.status).toBe(400);
    expect(res.json.error.details.issues[0].path).toBe('fileIds.0');
    const mine = await photo(member.token);
    expect((await enter(member.token, contest.id, { fileIds: [mine] })).status).toBe(201);
    expect((await enter(member.token, contest.id, { fileIds: [mine] })).status).toBe(400);
    const closed = await createContest(w, { submissionsCloseAt: new Date(Date.now() - 60_000).toISOString() });
    const late = await enter(member.token, closed.id, {});
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('ACTIVITY_NOT_OPEN');
  });

  it('lets an officer enter a workplace of the subtree; a member of another federation gets 404', async () => {
    const w = await activitiesWorld(t);
    const contest = await createContest(w);
    const res = await enter(w.officer.token, contest.id, { orgId: w.depot.id, entrantName: '机务段第三车间创新小组' });
    expect(res.status).toBe(201);
    expect(res.json.entrant).toMatchObject({ name: '机务段第三车间创新小组', memberId: null, org: { id: w.depot.id } });
    expect((await enter(w.officer.token, contest.id, {})).status).toBe(400);
    const other = await freshWorld(t);
    const outsider = await activityMember(t, other, other.grassroots.id, '外人');
    expect((await enter(outsider.token, contest.id)).status).toBe(404);
  });
});

describe('assigning judges (回避)', () => {
  it('gives every entry three judges, never one of its own union, and balances the load', async () => {
    const w = await activitiesWorld(t);
    const { entryIds, assigned } = await judgedContest(w, 10);
    expect(assigned).toMatchObject({ status: 'judging', entries: 10, assignments: 30 });
    const loads = (assigned.perJudge as { staffId: string; assigned: number }[]).map((p) => p.assigned).sort();
    // The grassroots and depot judges may only take the other union's five entries.
    expect(loads).toEqual([5, 5, 6, 7, 7]);
    for (const id of entryIds) {
      const entry = await t.call('GET', `/api/v1/contest-entries/${id}`, { token: w.officer.token });
      const judges = entry.json.judges as { judge: { org: { id: string } } }[];
      expect(judges).toHaveLength(3);
      expect(judges.map((j) => j.judge.org.id)).not.toContain(entry.json.entrant.org.id);
    }
  });

  it('answers 409 NOT_ENOUGH_JUDGES naming the entries short of eligible judges, and assigns nothing', async () => {
    const w = await activitiesWorld(t);
    const contest = await createContest(w);
    const member = await activityMember(t, w);
    expect((await enter(member.token, contest.id)).status).toBe(201);
    // An entry of the federation itself: its three judges stand aside, two remain.
    const own = await enter(w.officer.token, contest.id, { orgId: w.org.id, entrantName: '联合会机关创新小组' });
    await t.call('POST', `/api/v1/contests/${contest.id}/judges`, {
      token: w.officer.token,
      body: { staffIds: w.judges.map((j) => j.id) },
    });
    const res = await t.call('POST', `/api/v1/contests/${contest.id}/assignments`, { token: w.officer.token });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('NOT_ENOUGH_JUDGES');
    expect(res.json.error.details.entries).toEqual([
      { entryId: own.json.id, title: '数控车床快速换刀装置', eligibleJudges: 2, needed: 3 },
    ]);
    const after = await t.call('GET', `/api/v1/contests/${contest.id}`, { token: w.officer.token });
    expect(after.json.status).toBe('open');
    const queue = await t.call('GET', '/api/v1/judging/assignments', { token: w.judges[0]!.token });
    expect(queue.json.items).toEqual([]);
  });

  it('assigns once when two officers press at the same time', async () => {
    const w = await activitiesWorld(t);
    const contest = await createContest(w);
    const member = await activityMember(t, w);
    for (let i = 0; i < 4; i++) expect((await enter(member.token, contest.id, { title: `作品${i}` })).status).toBe(201);
    await t.call('POST', `/api/v1/contests/${contest.id}/judges`, {
      token: w.officer.token,
      body: { staffIds: w.judges.map((j) => j.id) },
    });
    const both = await Promise.all(
      [w.officer.token, w.admin.token].map((token) =>
        t.call('POST', `/api/v1/contests/${contest.id}/assignments`, { token }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const judges = await t.call('GET', `/api/v1/contests/${contest.id}/judges`, { token: w.officer.token });
    expect(judges.json.items.reduce((n: number, j: { assigned: number }) => n + j.assigned, 0)).toBe(12);
  });

  it('refuses as judges staff without the judge role or outside the contest’s subtree', async () => {
    const w = await activitiesWorld(t);
    const contest = await createContest(w);
    const other = await freshWorld(t);
    const foreign = await createStaffUser(t, other.admin.token, other.org.id, ['judge']);
    const candidates = await t.call('GET', `/api/v1/contests/${contest.id}/judge-candidates`, {
      token: w.officer.token,
    });
    expect(candidates.json.items.map((c: { staffId: string }) => c.staffId).sort()).toEqual(
      w.judges.map((j) => j.id).sort(),
    );
    const res = await t.call('POST', `/api/v1/contests/${contest.id}/judges`, {
      token: w.officer.token,
      body: { staffIds: [w.leader.id, foreign.id] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details.issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([
      ['staffIds.0', 'not_a_judge'],
      ['staffIds.1', 'not_in_scope'],
    ]);
  });
});

describe('blind judging', () => {
  it('shows a judge their queue and entries without names, member ids, unions or file names', async () => {
    const w = await activitiesWorld(t);
    const { entryIds, factoryMember } = await judgedContest(w, 2);
    const entryId = entryIds[0]!;
    const judge = (await judgesOf(w, entryId))[0]!;
    const queue = await t.call('GET', '/api/v1/judging/assignments', { token: judge.token });
    expect(queue.status).toBe(200);
    expect(queue.json.items.map((i: { entryId: string }) => i.entryId)).toContain(entryId);
    const entry = await t.call('GET', `/api/v1/contest-entries/${entryId}`, { token: judge.token });
    expect(entry.status).toBe(200);
    expect(entry.json.files[0].label).toBe('附件1.png');
    const file = await t.call('GET', `/api/v1/contest-entries/${entryId}/files/${entry.json.files[0].id}`, {
      token: judge.token,
    });
    expect(file.status).toBe(200);
    expect(String(file.headers['content-disposition'])).not.toContain(encodeURIComponent('王建国'));
    for (const text of [
      JSON.stringify(queue.json),
      JSON.stringify(entry.json),
      String(file.headers['content-disposition']),
    ]) {
      expect(text).not.toContain('王建国');
      expect(text).not.toContain(factoryMember.memberId);
      expect(text).not.toContain(factoryMember.phone);
      expect(text).not.toContain(factoryMember.phone.slice(-4) + '"');
      expect(text).not.toContain(w.grassroots.id);
      expect(text).not.toContain(w.grassroots.name);
      expect(text).not.toContain('发明.png');
    }
    expect(entry.json).not.toHaveProperty('entrant');
    // The officer reads the same entry in full.
    const full = await t.call('GET', `/api/v1/contest-entries/${entryId}`, { token: w.officer.token });
    expect(full.json.entrant.name).toBe('王建国');
  });
});

describe('a judge who also runs the contest', () => {
  it('sees neither entrants nor other judges’ scores until judging closes', async () => {
    const w = await activitiesWorld(t);
    const contest = await createContest(w);
    const factoryMember = await activityMember(t, w, w.grassroots.id, '王建国');
    const entryIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await enter(factoryMember.token, contest.id, { title: `作品${i + 1}` });
      entryIds.push(res.json.id);
    }
    // An activity officer of the federation who is a judge too (a common double hat in a small union).
    const both = await createStaffUser(t, w.admin.token, w.org.id, ['activity_officer', 'judge']);
    const named = await t.call('POST', `/api/v1/contests/${contest.id}/judges`, {
      token: w.officer.token,
      body: { staffIds: [...w.judges.map((j) => j.id), both.id] },
    });
    expect(named.status).toBe(200);
    // Named a judge, they no longer read the entrants, even before judging opens.
    expect((await t.call('GET', `/api/v1/contests/${contest.id}/entries`, { token: both.token })).status).toBe(409);
    expect((await t.call('POST', `/api/v1/contests/${contest.id}/assignments`, { token: both.token })).status).toBe(
      201,
    );
    const queue = await t.call('GET', '/api/v1/judging/assignments', { token: both.token });
    const mine = (queue.json.items as { entryId: string }[]).map((i) => i.entryId);
    expect(mine.length).toBeGreaterThan(0);
    const notMine = entryIds.find((id) => !mine.includes(id))!;
    expect(notMine).toBeDefined();

    for (const url of [
      `/api/v1/contests/${contest.id}/entries`,
      `/api/v1/contests/${contest.id}/ranking`,
      `/api/v1/contests/${contest.id}/ranking.xlsx`,
    ]) {
      const res = await t.call('GET', url, { token: both.token });
      expect(res.status, url).toBe(409);
      expect(res.json.error.code).toBe('JUDGE_OF_CONTEST');
    }
    expect((await t.call('GET', `/api/v1/contest-entries/${notMine}`, { token: both.token })).status).toBe(404);
    const blind = await t.call('GET', `/api/v1/contest-entries/${mine[0]}`, { token: both.token });
    expect(blind.status).toBe(200);
    expect(blind.json).not.toHaveProperty('entrant');
    expect(JSON.stringify(blind.json)).not.toContain('王建国');
    // Another officer, not judging, reads everything.
    expect((await t.call('GET', `/api/v1/contests/${contest.id}/entries`, { token: w.officer.token })).status).toBe(
      200,
    );

    // Once judging closes the scores are final: the double hat reads the results like any officer.
    expect((await t.call('POST', `/api/v1/contests/${contest.id}/close`, { token: w.officer.token })).status).toBe(200);
    const after = await t.call('GET', `/api/v1/contests/${contest.id}/entries`, { token: both.token });
    expect(after.status).toBe(200);
    expect(JSON.stringify(after.json)).toContain('王建国');
    expect((await t.call('GET', `/api/v1/contests/${contest.id}/ranking`, { token: both.token })).status).toBe(200);
  });
});

describe('scoring', () => {
  it('stores the weighted total, lets the judge replace it, and refuses scores out of range with 400', async () => {
    const w = await activitiesWorld(t);
    const { entryIds } = await judgedContest(w, 2);
    const entryId = entryIds[0]!;
    const judge = (await judgesOf(w, entryId))[0]!;
    const first = await score(judge.token, entryId, [8, 6, 5], '结构新颖');
    expect(first.status).toBe(200);
    // 40·0.8 + 40·0.6 + 20·0.5 = 66
    expect(first.json).toMatchObject({ myTotal: 66, myComment: '结构新颖', mayScore: true });
    const replaced = await score(judge.token, entryId, [10, 10, 10]);
    expect(replaced.json.myTotal).toBe(100);
    for (const bad of [
      { scores: rubric.map((c) => ({ criterion: c.criterion, score: 11 })) },
      { scores: rubric.map((c) => ({ criterion: c.criterion, score: -1 })) },
      { scores: [{ criterion: '创新性', score: 5 }] },
      { scores: [...rubric.map((c) => ({ criterion: c.criterion, score: 5 })), { criterion: '外观', score: 5 }] },
    ]) {
      const res = await t.call('PUT', `/api/v1/contest-entries/${entryId}/scores`, { token: judge.token, body: bad });
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
    const unchanged = await t.call('GET', `/api/v1/contest-entries/${entryId}`, { token: judge.token });
    expect(unchanged.json.myTotal).toBe(100);
  });

  it('answers 409 CONFLICT_OF_INTEREST for an entry of the judge’s own union, 404 for one not assigned', async () => {
    const w = await activitiesWorld(t);
    const { entryIds } = await judgedContest(w, 4);
    // w.judges[3] is the grassroots union's judge; entry 0 comes from there.
    const ownUnion = await score(w.judges[3]!.token, entryIds[0]!, [5, 5, 5]);
    expect(ownUnion.status).toBe(409);
    expect(ownUnion.json.error.code).toBe('CONFLICT_OF_INTEREST');
    // A depot entry not given to one of the federation's judges.
    const depotEntry = entryIds[1]!;
    const onIt = (await judgesOf(w, depotEntry)).map((j) => j.id);
    const notAssigned = w.judges.find((j) => !onIt.includes(j.id) && j.orgId !== w.depot.id)!;
    const res = await score(notAssigned.token, depotEntry, [5, 5, 5]);
    expect(res.status).toBe(404);
    expect((await t.call('GET', `/api/v1/contest-entries/${depotEntry}`, { token: notAssigned.token })).status).toBe(
      404,
    );
  });
});

describe('ranking, awards, certificates', () => {
  it('averages three judges, shows an entry incomplete until all have scored, exports per-judge totals', async () => {
    const w = await activitiesWorld(t);
    const { contest, entryIds, factoryMember } = await judgedContest(w, 2);
    const [a, b] = entryIds as [string, string];
    const aJudges = await judgesOf(w, a);
    const bJudges = await judgesOf(w, b);
    await score(aJudges[0]!.token, a, [10, 10, 10]);
    let ranking = await t.call('GET', `/api/v1/contests/${contest.id}/ranking`, { token: w.officer.token });
    expect(ranking.json.items.find((i: { entryId: string }) => i.entryId === a)).toMatchObject({
      complete: false,
      scored: 1,
      judges: 3,
      finalScore: null,
      rank: null,
    });
    await score(aJudges[1]!.token, a, [8, 8, 8]);
    await score(aJudges[2]!.token, a, [6, 6, 6]);
    for (const j of bJudges) await score(j.token, b, [9, 9, 9]);
    ranking = await t.call('GET', `/api/v1/contests/${contest.id}/ranking`, { token: w.leader.token });
    expect(ranking.status).toBe(200);
    expect(ranking.json.complete).toBe(true);
    expect(
      ranking.json.items.map((i: { entryId: string; finalScore: number; rank: number; categoryRank: number }) => [
        i.entryId,
        i.finalScore,
        i.rank,
        i.categoryRank,
      ]),
    ).toEqual([
      [b, 90, 1, 1],
      [a, 80, 2, 2],
    ]);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/contests/${contest.id}/ranking.xlsx`,
      headers: { authorization: `Bearer ${w.officer.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const sheet = await readWorkbook(xlsx.rawPayload);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining(['作品名称', '最终得分', ...aJudges.map((j) => `评委 ${j.username}`)]),
    );
    const rowA = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(rowA).toEqual(expect.arrayContaining(['作品1', '王建国', '80.00', '100.00', '80.00', '60.00']));

    // Awards only once judging is closed; tiers by rank; the member sees theirs and its public certificate.
    const early = await t.call('POST', `/api/v1/contests/${contest.id}/awards`, {
      token: w.officer.token,
      body: { entryId: a, award: 'first' },
    });
    expect(early.status).toBe(409);
    expect((await t.call('POST', `/api/v1/contests/${contest.id}/close`, { token: w.officer.token })).status).toBe(200);
    const late = await score(aJudges[0]!.token, a, [1, 1, 1]);
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('ACTIVITY_NOT_OPEN');
    const awards = await t.call('POST', `/api/v1/contests/${contest.id}/awards`, {
      token: w.officer.token,
      body: { tiers: { first: 1, second: 1 } },
    });
    expect(awards.status).toBe(200);
    const byEntry = new Map(
      (awards.json.awarded as { entryId: string; award: string }[]).map((x) => [x.entryId, x.award]),
    );
    expect(Object.fromEntries(byEntry)).toEqual({ [b]: 'first', [a]: 'second' });
    const mine = await t.call('GET', '/api/v1/me/contest-entries', { token: factoryMember.token });
    const entry = mine.json.items.find((e: { id: string }) => e.id === a);
    expect(entry.award).toBe('second');
    const cert = await t.call('GET', `/api/v1/public/certificates/${entry.certificateCode}`);
    expect(cert.status).toBe(200);
    expect(cert.json).toMatchObject({
      award: 'second',
      entry: { title: '作品1', category: '小发明' },
      entrant: { name: '王建国' },
      contest: { title: '2026年职工“五小”创新成果评选', org: w.org.name },
    });
    expect((await t.call('GET', '/api/v1/public/certificates/AAAAAAAAAAAA')).status).toBe(404);
    const notices = await t.call('GET', '/api/v1/me/notifications', { token: factoryMember.token });
    expect(JSON.stringify(notices.json)).toContain('二等奖');
  });

  it('drops the highest and lowest judge with five judges per entry', async () => {
    const w = await activitiesWorld(t);
    const contest = await createContest(w, { judgesPerEntry: 5 });
    // An entry staff made for a union none of the judges belongs to: all five may judge it.
    const workshop = await t.call('POST', '/api/v1/orgs', {
      token: w.admin.token,
      body: { parentId: w.org.id, name: '第三车间工会', kind: 'grassroots' },
    });
    const entry = await enter(w.officer.token, contest.id, { orgId: workshop.json.id, entrantName: '第三车间' });
    await t.call('POST', `/api/v1/contests/${contest.id}/judges`, {
      token: w.officer.token,
      body: { staffIds: w.judges.map((j) => j.id) },
    });
    expect(
      (await t.call('POST', `/api/v1/contests/${contest.id}/assignments`, { token: w.officer.token })).status,
    ).toBe(201);
    const values: [number, number, number][] = [
      [10, 10, 10],
      [2, 2, 2],
      [7, 7, 7],
      [8, 8, 8],
      [9, 9, 9],
    ];
    for (const [i, j] of w.judges.entries()) expect((await score(j.token, entry.json.id, values[i]!)).status).toBe(200);
    const ranking = await t.call('GET', `/api/v1/contests/${contest.id}/ranking`, { token: w.officer.token });
    expect(ranking.json.items[0]).toMatchObject({
      complete: true,
      finalScore: 80,
      rank: 1,
      dropped: { highest: w.judges[0]!.id, lowest: w.judges[1]!.id },
    });
  });
});
