import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createStaffUser,
  freshWorld,
  randomPhone,
  workerLogin,
  type World,
} from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { countQueries } from '../../../test/query-counter.js';
import { readWorkbook } from '../../../test/uploads.js';
import { queryRows, sql } from '../../kernel/db/client.js';
import { timelineOf } from '../../kernel/workflow.js';
import { openSuggestionFromProposal, takeUpSuggestion } from './index.js';
import { suggestionWorkflow } from './suggestions.workflow.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Member {
  id: string;
  token: string;
  name: string;
}

/** A member of `orgId`, signed in to the app. */
async function member(w: World, orgId: string, name = '王小明'): Promise<Member> {
  const phone = randomPhone();
  const res = await t.call('POST', '/api/v1/members', { token: w.admin.token, body: { name, phone, orgId } });
  expect(res.status).toBe(201);
  const login = await workerLogin(t, phone);
  return { id: res.json.id, token: login.token, name };
}

/** A federation with two grassroots unions, an officer of the first, members in each. */
async function union() {
  const w = await freshWorld(t);
  const sibling = await createOrg(t, w.admin.token, w.org.id, 'grassroots');
  const officer = await createStaffUser(t, w.admin.token, w.grassroots.id, ['participation_officer']);
  const cityOfficer = await createStaffUser(t, w.admin.token, w.org.id, ['participation_officer']);
  const clerk = await createStaffUser(t, w.admin.token, w.org.id, ['member_manager']);
  const author = await member(w, w.grassroots.id, '张建国');
  const colleague = await member(w, w.grassroots.id, '李四');
  const neighbour = await member(w, sibling.id, '赵六');
  return { ...w, sibling, officer, cityOfficer, clerk, author, colleague, neighbour };
}

const post = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.call('POST', '/api/v1/suggestions', {
    token,
    body: { title: '食堂延长晚餐时间', body: '夜班职工下班后食堂已关门，建议延长到晚上九点。', ...body },
    headers,
  });

const act = (token: string, id: string, body: Record<string, unknown>) =>
  t.call('POST', `/api/v1/suggestions/${id}/actions`, { token, body });

async function notices(token: string): Promise<string[]> {
  const res = await t.call('GET', '/api/v1/me/notifications', { token });
  return res.json.items.map((n: { title: string }) => n.title);
}

describe('suggestions 职工事大家议', () => {
  it('posts to the own union by default, to an ancestor on request, never elsewhere; Idempotency-Key once', async () => {
    const u = await union();
    const own = await post(u.author.token, {}, { 'idempotency-key': 's-1' });
    expect(own.status).toBe(201);
    expect(own.json).toMatchObject({
      org: { id: u.grassroots.id },
      author: { name: '张建国', org: { id: u.grassroots.id } },
      mine: true,
      status: 'open',
      supportCount: 0,
      supportedByMe: false,
      mayBeSupported: false,
      reply: null,
      availableActions: ['withdraw'],
    });
    expect(own.json.timeline).toMatchObject([{ action: 'post', toState: 'open', actorKind: 'worker' }]);
    const again = await post(u.author.token, {}, { 'idempotency-key': 's-1' });
    expect(again.json.id).toBe(own.json.id);
    const unions = await t.call('GET', '/api/v1/me/suggestion-unions', { token: u.author.token });
    expect(unions.json.items.slice(0, 2).map((o: { id: string }) => o.id)).toEqual([u.grassroots.id, u.org.id]);
    expect((await t.call('GET', '/api/v1/me/suggestion-unions', { token: u.officer.token })).status).toBe(403);
    const up = await post(u.author.token, { orgId: u.org.id });
    expect(up.status).toBe(201);
    expect(up.json.org.id).toBe(u.org.id);
    // A sibling union, another federation, an unknown id: as if they did not exist.
    const other = await freshWorld(t);
    for (const orgId of [u.sibling.id, other.org.id, other.grassroots.id, crypto.randomUUID()])
      expect((await post(u.author.token, { orgId })).status).toBe(404);
    // Staff and workers who are not members do not post.
    expect((await post(u.officer.token, {})).status).toBe(403);
    const stranger = await workerLogin(t);
    expect((await post(stranger.token, {})).json.error.code).toBe('MEMBERSHIP_REQUIRED');
    expect((await post(u.author.token, { title: '' })).status).toBe(400);
  });

  it('takes a limited number a day from one member (429 beyond it)', async () => {
    const limited = await startTestApp({
      queueLimits: { ...t.ctx.config.queueLimits, suggestions: { perApplicant: 2, perAddress: 1_000_000 } },
    });
    try {
      const w = await freshWorld(limited);
      const phone = randomPhone();
      await limited.call('POST', '/api/v1/members', {
        token: w.admin.token,
        body: { name: '钱九', phone, orgId: w.grassroots.id },
      });
      const m = await workerLogin(limited, phone);
      const body = { title: '建议', body: '内容' };
      for (let i = 0; i < 2; i++)
        expect((await limited.call('POST', '/api/v1/suggestions', { token: m.token, body })).status).toBe(201);
      const third = await limited.call('POST', '/api/v1/suggestions', { token: m.token, body });
      expect([third.status, third.json.error.code]).toEqual([429, 'RATE_LIMITED']);
    } finally {
      await limited.close();
    }
  });

  it('shows members what their union sees, masked; staff their subtree; others get 404', async () => {
    const u = await union();
    const local = (await post(u.author.token, { title: '本单位建议' })).json;
    const city = (await post(u.author.token, { title: '全市建议', orgId: u.org.id })).json;
    const titles = async (token: string, query = '') =>
      (await t.call('GET', `/api/v1/suggestions${query}`, { token })).json.items.map((s: { title: string }) => s.title);
    expect(await titles(u.colleague.token)).toEqual(['全市建议', '本单位建议']);
    // The sibling union's member sees what is posted to the federation above both, not to the other union.
    expect(await titles(u.neighbour.token)).toEqual(['全市建议']);
    expect((await t.call('GET', `/api/v1/suggestions/${local.id}`, { token: u.neighbour.token })).status).toBe(404);
    const seen = await t.call('GET', `/api/v1/suggestions/${city.id}`, { token: u.neighbour.token });
    expect(seen.json.author.name).toBe('张*国');
    expect(seen.json.mine).toBe(false);
    expect(seen.json.mayBeSupported).toBe(true);
    expect(await titles(u.colleague.token, `?orgId=${u.org.id}`)).toEqual(['全市建议']);
    expect(await titles(u.author.token, '?mine=true&q=本单位')).toEqual(['本单位建议']);
    expect((await t.call('GET', `/api/v1/suggestions?orgId=${u.sibling.id}`, { token: u.author.token })).status).toBe(
      404,
    );
    // Staff: the grassroots officer sees their union's; the city officer both; the clerk has no role (403).
    expect(await titles(u.officer.token)).toEqual(['本单位建议']);
    expect(await titles(u.cityOfficer.token)).toEqual(['全市建议', '本单位建议']);
    expect((await t.call('GET', `/api/v1/suggestions/${city.id}`, { token: u.officer.token })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/suggestions/${local.id}`, { token: u.clerk.token })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/suggestions', { token: u.clerk.token })).status).toBe(403);
    const staffView = await t.call('GET', `/api/v1/suggestions/${local.id}`, { token: u.officer.token });
    expect(staffView.json.author.name).toBe('张建国');
    expect(staffView.json.availableActions).toEqual(['answer', 'reject', 'close']);
    // Another federation: its staff and its members never see them.
    const other = await freshWorld(t);
    const outsider = await member(other, other.grassroots.id);
    for (const token of [other.admin.token, outsider.token]) {
      for (const id of [local.id, city.id])
        for (const [method, url, body] of [
          ['GET', `/api/v1/suggestions/${id}`, undefined],
          ['POST', `/api/v1/suggestions/${id}/actions`, { action: 'close' }],
        ] as const)
          expect((await t.call(method, url, { token, ...(body ? { body } : {}) })).status).toBe(404);
      expect(JSON.stringify((await t.call('GET', '/api/v1/suggestions', { token })).json)).not.toContain(local.id);
    }
    expect((await t.call('POST', `/api/v1/suggestions/${local.id}/supports`, { token: outsider.token })).status).toBe(
      404,
    );
  });

  it('counts each member’s support once, not the author’s, and sorts by supports', async () => {
    const u = await union();
    const first = (await post(u.author.token, { title: '一', orgId: u.org.id })).json;
    const second = (await post(u.author.token, { title: '二', orgId: u.org.id })).json;
    const support = (token: string, id: string) => t.call('POST', `/api/v1/suggestions/${id}/supports`, { token });
    expect((await support(u.colleague.token, second.id)).json).toEqual({ supportCount: 1 });
    expect((await support(u.neighbour.token, second.id)).json).toEqual({ supportCount: 2 });
    const twice = await support(u.colleague.token, second.id);
    expect([twice.status, twice.json.error.code]).toEqual([409, 'ALREADY_SUPPORTED']);
    const own = await support(u.author.token, second.id);
    expect([own.status, own.json.error.code, own.json.error.details.reason]).toEqual([
      409,
      'ALREADY_SUPPORTED',
      'author',
    ]);
    expect((await support(u.officer.token, second.id)).status).toBe(403);
    const mine = await t.call('GET', `/api/v1/suggestions/${second.id}`, { token: u.colleague.token });
    expect(mine.json).toMatchObject({ supportCount: 2, supportedByMe: true, mayBeSupported: false });
    const bySupports = await t.call('GET', '/api/v1/suggestions?sort=supports&limit=1', { token: u.cityOfficer.token });
    expect(bySupports.json.items.map((s: { title: string }) => s.title)).toEqual(['二']);
    const next = await t.call('GET', `/api/v1/suggestions?sort=supports&limit=1&cursor=${bySupports.json.nextCursor}`, {
      token: u.cityOfficer.token,
    });
    expect(next.json.items.map((s: { id: string }) => s.id)).toEqual([first.id]);
    // Closed: no more supports.
    expect((await act(u.cityOfficer.token, first.id, { action: 'close' })).status).toBe(200);
    const late = await support(u.colleague.token, first.id);
    expect([late.status, late.json.error.code]).toEqual([409, 'INVALID_TRANSITION']);
  });

  it('takes two simultaneous supports of one member as one', async () => {
    const u = await union();
    const s = (await post(u.author.token, {})).json;
    const answers = await Promise.all(
      [1, 2, 3].map(() => t.call('POST', `/api/v1/suggestions/${s.id}/supports`, { token: u.colleague.token })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const [row] = await queryRows<{ count: number; rows: number }>(
      t.ctx.db,
      sql`select s.support_count as count, (select count(*)::int from suggestion_supports p where p.suggestion_id = s.id) as rows
            from suggestions s where s.id = ${s.id}`,
    );
    expect(row).toEqual({ count: 1, rows: 1 });
  });

  it('walks answer → close with each role guarded, and tells the author', async () => {
    const u = await union();
    const s = (await post(u.author.token, {})).json;
    // The colleague (a member, not the author), the clerk (no role) and the author (not staff) may not answer.
    expect((await act(u.colleague.token, s.id, { action: 'answer', reply: 'x' })).status).toBe(403);
    expect((await act(u.clerk.token, s.id, { action: 'answer', reply: 'x' })).status).toBe(403);
    expect((await act(u.author.token, s.id, { action: 'answer', reply: 'x' })).status).toBe(403);
    expect((await act(u.officer.token, s.id, { action: 'withdraw' })).status).toBe(403);
    expect((await act(u.officer.token, s.id, { action: 'answer' })).status).toBe(400);
    expect((await act(u.officer.token, s.id, { action: 'take_up', proposalId: crypto.randomUUID() })).status).toBe(400);
    const answered = await act(u.officer.token, s.id, { action: 'answer', reply: '已与食堂协商，下月起延长至21:00。' });
    expect(answered.status).toBe(200);
    expect(answered.json).toMatchObject({
      status: 'answered',
      reply: { text: '已与食堂协商，下月起延长至21:00。' },
      availableActions: ['close'],
    });
    expect(await notices(u.author.token)).toContain('工会已答复您的建议');
    const seen = await t.call('GET', `/api/v1/suggestions/${s.id}`, { token: u.author.token });
    expect(seen.json.reply.text).toBe('已与食堂协商，下月起延长至21:00。');
    expect(seen.json.availableActions).toEqual([]);
    // Too late to withdraw; answered once.
    expect((await act(u.author.token, s.id, { action: 'withdraw' })).json.error.code).toBe('INVALID_TRANSITION');
    expect((await act(u.officer.token, s.id, { action: 'answer', reply: 'y' })).json.error.code).toBe(
      'INVALID_TRANSITION',
    );
    const closed = await act(u.officer.token, s.id, { action: 'close' });
    expect(closed.json.status).toBe('closed');
    expect(closed.json.timeline.map((e: { action: string }) => e.action)).toEqual(['post', 'answer', 'close']);
    expect(await notices(u.author.token)).toContain('您的建议已办结');
    for (const action of ['close', 'answer', 'reject'])
      expect((await act(u.officer.token, s.id, { action, reply: 'x', reason: 'x' })).status).toBeGreaterThanOrEqual(
        400,
      );
  });

  it('rejects with a reason, and lets the author withdraw before an answer', async () => {
    const u = await union();
    const a = (await post(u.author.token, {})).json;
    expect((await act(u.officer.token, a.id, { action: 'reject' })).status).toBe(400);
    const rejected = await act(u.officer.token, a.id, { action: 'reject', reason: '不属于工会职责范围' });
    expect(rejected.json.status).toBe('rejected');
    expect(rejected.json.timeline.at(-1)).toMatchObject({ action: 'reject', note: '不属于工会职责范围' });
    expect(await notices(u.author.token)).toContain('您的建议未被采纳');
    const b = (await post(u.author.token, {})).json;
    expect((await act(u.colleague.token, b.id, { action: 'withdraw' })).status).toBe(403);
    const withdrawn = await act(u.author.token, b.id, { action: 'withdraw' });
    expect(withdrawn.json.status).toBe('withdrawn');
    expect((await act(u.officer.token, b.id, { action: 'answer', reply: 'x' })).json.error.code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('is taken up by a proposal and opened from a converted proposal, inside the proposal’s transaction', async () => {
    const u = await union();
    const s = (await post(u.author.token, {})).json;
    const proposalId = crypto.randomUUID();
    const system = { kind: 'system' as const, id: null };
    await t.ctx.db.transaction((tx) => takeUpSuggestion(t.ctx, tx, s.id, proposalId, system));
    const taken = await t.call('GET', `/api/v1/suggestions/${s.id}`, { token: u.officer.token });
    expect(taken.json).toMatchObject({ status: 'taken_up', proposalId, availableActions: ['close'] });
    expect(taken.json.timeline.at(-1)).toMatchObject({ action: 'take_up', fromState: 'open', toState: 'taken_up' });
    expect(await notices(u.author.token)).toContain('您的建议已被代表转为提案');
    // Once only; and a rolled-back proposal leaves the suggestion as it was.
    await expect(
      t.ctx.db.transaction((tx) => takeUpSuggestion(t.ctx, tx, s.id, proposalId, system)),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const other = (await post(u.author.token, {})).json;
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await takeUpSuggestion(t.ctx, tx, other.id, proposalId, system);
        throw new Error('proposal failed');
      }),
    ).rejects.toThrow('proposal failed');
    expect((await t.call('GET', `/api/v1/suggestions/${other.id}`, { token: u.officer.token })).json.status).toBe(
      'open',
    );

    const sourceId = crypto.randomUUID();
    const id = await t.ctx.db.transaction((tx) =>
      openSuggestionFromProposal(t.ctx, tx, {
        orgId: u.org.id,
        authorMemberId: u.author.id,
        title: '关于增设职工子女暑期托管班的提案',
        body: '建议在暑期开设“阳光学堂”。',
        proposalId: sourceId,
        actor: { kind: 'staff', id: u.cityOfficer.id },
      }),
    );
    const opened = await t.call('GET', `/api/v1/suggestions/${id}`, { token: u.author.token });
    expect(opened.json).toMatchObject({
      org: { id: u.org.id },
      author: { org: { id: u.grassroots.id } },
      mine: true,
      status: 'open',
      sourceProposalId: sourceId,
    });
    const timeline = await timelineOf(t.ctx.db, suggestionWorkflow, id);
    expect(timeline).toMatchObject([
      { action: 'convert_from_proposal', toState: 'open', data: { proposalId: sourceId } },
    ]);
    expect(await notices(u.author.token)).toContain('您的提案已转为职工建议');
    // The neighbour's union is below the federation: they see it and may support it.
    expect((await t.call('POST', `/api/v1/suggestions/${id}/supports`, { token: u.neighbour.token })).status).toBe(201);
  });

  it('lists a page of five suggestions and five reviews in as many statements as a page of one', async () => {
    const u = await union();
    const lists = [
      ['/api/v1/suggestions', u.colleague.token],
      ['/api/v1/suggestions?sort=supports', u.officer.token],
      ['/api/v1/me/union-reviews', u.colleague.token],
      ['/api/v1/union-reviews', u.cityOfficer.token],
    ] as const;
    const cost = async () => {
      const counts: number[] = [];
      for (const [url, token] of lists)
        counts.push(await countQueries(t.database, () => t.call('GET', url, { token })));
      return counts;
    };
    await post(u.author.token, {});
    await createReview(u);
    const forOne = await cost();
    for (let i = 0; i < 4; i++) {
      await post(u.author.token, {});
      await createReview(u);
    }
    const forFive = await cost();
    expect((await t.call('GET', '/api/v1/suggestions', { token: u.colleague.token })).json.items).toHaveLength(5);
    expect(forOne.every((n) => n > 0)).toBe(true);
    expect(forFive).toEqual(forOne);
  });

  it('exports the staff list with the same filters', async () => {
    const u = await union();
    await post(u.author.token, { title: '导出甲' });
    await post(u.author.token, { title: '导出乙' });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/suggestions/export.xlsx?q=导出甲',
      headers: { authorization: `Bearer ${u.officer.token}` },
    });
    expect(res.statusCode).toBe(200);
    const ws = await readWorkbook(res.rawPayload);
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(2).value).toBe('导出甲');
    expect(ws.getRow(2).getCell(8).value).toBe('待答复');
    const refused = await t.call('GET', '/api/v1/suggestions/export.xlsx', { token: u.author.token });
    expect(refused.status).toBe(403);
  });
});

const hour = 3_600_000;

async function createReview(u: Awaited<ReturnType<typeof union>>, body: Record<string, unknown> = {}) {
  return t.call('POST', '/api/v1/union-reviews', {
    token: u.cityOfficer.token,
    body: {
      orgId: u.org.id,
      title: '2026年度会员评家',
      questions: [{ text: '对工会维权工作是否满意' }, { text: '对工会服务职工工作是否满意' }],
      opensAt: new Date(Date.now() - hour).toISOString(),
      closesAt: new Date(Date.now() + 24 * hour).toISOString(),
      ...body,
    },
  });
}

const respond = (
  token: string,
  review: { id: string; questions: { id: string }[] },
  ratings: string[],
  comment?: string,
) =>
  t.call('POST', `/api/v1/union-reviews/${review.id}/responses`, {
    token,
    body: {
      answers: review.questions.map((q, i) => ({ questionId: q.id, rating: ratings[i] })),
      ...(comment ? { comment } : {}),
    },
  });

describe('union reviews 会员评家', () => {
  it('is created by the officers over the union, and listed to members below it', async () => {
    const u = await union();
    const created = await createReview(u);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ org: { id: u.org.id }, open: true, responseCount: 0 });
    expect(created.json.questions.map((q: { position: number }) => q.position)).toEqual([1, 2]);
    expect((await createReview(u, { title: '第二次评议' })).status).toBe(201);
    // The grassroots officer runs their own union only (the federation is above it: 404); the clerk has no role.
    const byOfficer = await t.call('POST', '/api/v1/union-reviews', {
      token: u.officer.token,
      body: {
        orgId: u.org.id,
        title: 't',
        questions: [{ text: 'x' }],
        opensAt: created.json.opensAt,
        closesAt: created.json.closesAt,
      },
    });
    expect(byOfficer.status).toBe(404);
    const byClerk = await t.call('POST', '/api/v1/union-reviews', {
      token: u.clerk.token,
      body: {
        orgId: u.org.id,
        title: 't',
        questions: [{ text: 'x' }],
        opensAt: created.json.opensAt,
        closesAt: created.json.closesAt,
      },
    });
    expect(byClerk.status).toBe(403);
    expect((await createReview(u, { questions: [] })).status).toBe(400);
    expect((await createReview(u, { questions: Array.from({ length: 21 }, () => ({ text: 'q' })) })).status).toBe(400);
    expect((await createReview(u, { closesAt: new Date(Date.now() - 2 * hour).toISOString() })).status).toBe(400);
    // Only a union and a title: the campaign's five standard questions, open now for 30 days; questions as plain text.
    const plain = await t.call('POST', '/api/v1/union-reviews', {
      token: u.cityOfficer.token,
      body: { orgId: u.org.id, title: '会员评家' },
    });
    expect(plain.status).toBe(201);
    expect([plain.json.questions.length, plain.json.open]).toEqual([5, true]);
    expect(Date.parse(plain.json.closesAt) - Date.parse(plain.json.opensAt)).toBe(30 * 24 * hour);
    const texts = await t.call('POST', '/api/v1/union-reviews', {
      token: u.cityOfficer.token,
      body: { orgId: u.org.id, title: '服务评议', questions: ['服务态度', '办事效率'] },
    });
    expect(texts.json.questions.map((q: { text: string }) => q.text)).toEqual(['服务态度', '办事效率']);
    const mine = await t.call('GET', '/api/v1/me/union-reviews', { token: u.neighbour.token });
    expect(mine.json.items).toHaveLength(4);
    expect(mine.json.items[0]).toMatchObject({ open: true, respondedByMe: false });
    const listed = await t.call('GET', '/api/v1/union-reviews?limit=1', { token: u.cityOfficer.token });
    expect(listed.json.items).toHaveLength(1);
    expect(listed.json.nextCursor).not.toBeNull();
    expect((await t.call('GET', '/api/v1/union-reviews', { token: u.officer.token })).json.items).toEqual([]);
  });

  it('takes each member’s answers once, within the window, from the subtree only', async () => {
    const u = await union();
    const review = (await createReview(u)).json;
    const bad = await t.call('POST', `/api/v1/union-reviews/${review.id}/responses`, {
      token: u.author.token,
      body: { answers: [{ questionId: review.questions[0].id, rating: 'satisfied' }] },
    });
    expect(bad.status).toBe(400);
    const dup = await t.call('POST', `/api/v1/union-reviews/${review.id}/responses`, {
      token: u.author.token,
      body: {
        answers: [
          { questionId: review.questions[0].id, rating: 'satisfied' },
          { questionId: review.questions[0].id, rating: 'satisfied' },
        ],
      },
    });
    expect(dup.status).toBe(400);
    const ok = await respond(u.author.token, review, ['satisfied', 'dissatisfied'], '希望多组织文体活动');
    expect(ok.status).toBe(201);
    expect(ok.json.org.id).toBe(u.grassroots.id);
    const again = await respond(u.author.token, review, ['satisfied', 'satisfied']);
    expect([again.status, again.json.error.code]).toEqual([409, 'ALREADY_RESPONDED']);
    const listed = await t.call('GET', '/api/v1/me/union-reviews', { token: u.author.token });
    expect(listed.json.items[0].respondedByMe).toBe(true);
    // Two at once: one counted.
    const both = await Promise.all([1, 2].map(() => respond(u.colleague.token, review, ['satisfied', 'satisfied'])));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    // Outside the subtree: 404; staff: 403; before it opens: 409.
    const other = await freshWorld(t);
    const outsider = await member(other, other.grassroots.id);
    expect((await respond(outsider.token, review, ['satisfied', 'satisfied'])).status).toBe(404);
    expect((await t.call('GET', `/api/v1/union-reviews/${review.id}`, { token: outsider.token })).status).toBe(404);
    expect((await respond(u.cityOfficer.token, review, ['satisfied', 'satisfied'])).status).toBe(403);
    const later = (await createReview(u, { opensAt: new Date(Date.now() + hour).toISOString() })).json;
    const early = await respond(u.neighbour.token, later, ['satisfied', 'satisfied']);
    expect([early.status, early.json.error.code]).toEqual([409, 'REVIEW_NOT_OPEN']);
  });

  it('reports participation and satisfaction overall, per question and per union below, at the boundaries', async () => {
    const u = await union();
    // Four members in the grassroots union (author, colleague and two more), one in the sibling union.
    const third = await member(u, u.grassroots.id, '孙七');
    await member(u, u.grassroots.id, '周八');
    const review = (await createReview(u)).json;
    await respond(u.author.token, review, ['satisfied', 'dissatisfied'], '希望多组织文体活动');
    await respond(u.colleague.token, review, ['fairly_satisfied', 'satisfied']);
    await respond(third.token, review, ['satisfied', 'dissatisfied'], '维权热线常占线');
    const result = await t.call('GET', `/api/v1/union-reviews/${review.id}/result`, { token: u.cityOfficer.token });
    expect(result.status).toBe(200);
    expect(result.json.overall).toEqual({
      members: 5,
      responses: 3,
      participationRate: 0.6,
      answers: 6,
      satisfied: 3,
      fairlySatisfied: 1,
      dissatisfied: 2,
      satisfactionRate: 4 / 6,
    });
    expect(result.json.questions.map((q: { satisfactionRate: number }) => q.satisfactionRate)).toEqual([1, 1 / 3]);
    const byUnion = Object.fromEntries(
      result.json.children.map((c: { org: { id: string }; participationRate: number | null }) => [
        c.org.id,
        c.participationRate,
      ]),
    );
    // 3 of 4 members → 75%; the sibling's one member did not answer → 0.
    expect(byUnion).toEqual({ [u.grassroots.id]: 0.75, [u.sibling.id]: 0 });
    const drill = await t.call('GET', `/api/v1/union-reviews/${review.id}/result?orgId=${u.grassroots.id}`, {
      token: u.cityOfficer.token,
    });
    expect(drill.json.overall).toMatchObject({ members: 4, responses: 3, participationRate: 0.75 });
    expect(drill.json.children).toEqual([]);
    // The sibling union: no answers, no rate.
    const none = await t.call('GET', `/api/v1/union-reviews/${review.id}/result?orgId=${u.sibling.id}`, {
      token: u.cityOfficer.token,
    });
    expect(none.json.overall).toMatchObject({ members: 1, responses: 0, participationRate: 0, satisfactionRate: null });
    const comments = await t.call('GET', `/api/v1/union-reviews/${review.id}/comments?limit=1`, {
      token: u.cityOfficer.token,
    });
    expect(comments.json.items).toEqual([
      {
        comment: '维权热线常占线',
        org: { id: u.grassroots.id, name: expect.any(String) },
        createdAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(comments.json)).not.toContain('孙七');
    const rest = await t.call(
      'GET',
      `/api/v1/union-reviews/${review.id}/comments?limit=1&cursor=${comments.json.nextCursor}`,
      { token: u.cityOfficer.token },
    );
    expect(rest.json.items.map((c: { comment: string }) => c.comment)).toEqual(['希望多组织文体活动']);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/union-reviews/${review.id}/result/export.xlsx`,
      headers: { authorization: `Bearer ${u.cityOfficer.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const ws = await readWorkbook(xlsx.rawPayload);
    expect(ws.getRow(2).getCell(4).value).toBe('60.0%');
    expect(ws.getRow(2).getCell(8).value).toBe('66.7%');
    // Out of scope: a union outside the review, another federation's staff, the grassroots officer (below the review).
    const other = await freshWorld(t);
    for (const [token, query] of [
      [u.cityOfficer.token, `?orgId=${other.org.id}`],
      [other.admin.token, ''],
      [u.officer.token, ''],
    ] as const) {
      expect((await t.call('GET', `/api/v1/union-reviews/${review.id}/result${query}`, { token })).status).toBe(404);
      expect((await t.call('GET', `/api/v1/union-reviews/${review.id}/comments${query}`, { token })).status).toBe(404);
    }
    expect((await t.call('GET', `/api/v1/union-reviews/${review.id}/result`, { token: u.clerk.token })).status).toBe(
      403,
    );
  });
});
