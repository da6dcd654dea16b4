import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SettableClock } from '../../kernel/clock.js';
import {
  createOrg,
  createStaffUser,
  freshWorld,
  type Org,
  type StaffUser,
  type World,
} from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { congressWithRepresentatives, signedInMember, type Representative } from '../../../test/participation.js';
import { countQueries } from '../../../test/query-counter.js';
import { readWorkbook, uploadFile } from '../../../test/uploads.js';
import { sendProposalReminders } from './proposals.service.js';

/**
 * The five-step loop through the API: submission with co-signers, the committee's review, assignment with a due date
 * by the working calendar, supervision (overdue, reminders), the answer and the proposer's rating.
 * The clock starts on Monday 28 September 2026, 09:00 in Shanghai; National Day (1–7 October) is off, with
 * Sunday 27 September and Saturday 10 October worked instead (调休).
 */
const clock = new SettableClock();
const nationalDay = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']),
  workdays: new Set(['2026-09-27', '2026-10-10']),
};
const monday = new Date('2026-09-28T09:00:00+08:00');
let t: TestApp;
beforeAll(async () => {
  clock.set(monday);
  t = await startTestApp(
    { staffIdleMinutes: 1_000_000, staffAbsoluteHours: 1_000_000, workerIdleDays: 10_000, workerAbsoluteDays: 10_000 },
    { clock },
  );
});
beforeEach(() => {
  clock.set(monday);
  // In this app's memory only, so no other test's deadlines change; before each test, as a calendar edit by another
  // test file on a shared PostgreSQL reloads it from the database.
  t.ctx.calendar.use(nationalDay);
});
afterAll(async () => {
  await t.close();
});

const day = 24 * 3600 * 1000;

interface Loop {
  w: World;
  congressId: string;
  proposer: Representative;
  cosigner: Representative;
  other: Representative;
  /** A participation officer of the congress's federation: the proposals committee. */
  committee: StaffUser;
  handlerOrg: Org;
  /** A participation officer of the handling body. */
  handler: StaffUser;
}

async function loop(): Promise<Loop> {
  const w = await freshWorld(t);
  const congress = await congressWithRepresentatives(t, w, 3);
  const [proposer, cosigner, other] = congress.representatives as [Representative, Representative, Representative];
  const committee = await createStaffUser(t, w.admin.token, w.org.id, ['participation_officer']);
  const handlerOrg = await createOrg(t, w.admin.token, w.org.id, 'grassroots');
  const handler = await createStaffUser(t, w.admin.token, handlerOrg.id, ['participation_officer']);
  return { w, congressId: congress.id, proposer, cosigner, other, committee, handlerOrg, handler };
}

async function submit(l: Loop, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return t.call('POST', '/api/v1/proposals', {
    token: l.proposer.token,
    headers,
    body: {
      congressId: l.congressId,
      title: '关于开设假期职工子女阳光学堂的建议',
      body: '暑期职工没有时间照看子女，希望镇总工会开设暑期托管班。',
      category: 'living_welfare',
      coSignerIds: [l.cosigner.id],
      ...extra,
    },
  });
}

async function submitted(l: Loop, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await submit(l, extra);
  expect(res.status).toBe(201);
  return res.json.id as string;
}

function act(token: string, id: string, body: Record<string, unknown>) {
  return t.call('POST', `/api/v1/proposals/${id}/actions`, { token, body });
}

async function step(token: string, id: string, body: Record<string, unknown>) {
  const res = await act(token, id, body);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
}

/** Accepted and assigned to the loop's handling body (default due date unless `dueOn`). */
async function assigned(l: Loop, dueOn?: string): Promise<string> {
  const id = await submitted(l);
  await step(l.committee.token, id, { action: 'review_accept' });
  await step(l.committee.token, id, { action: 'assign', handlerOrgId: l.handlerOrg.id, ...(dueOn ? { dueOn } : {}) });
  return id;
}

async function notices(token: string): Promise<{ title: string; body: string; link: string | null }[]> {
  const res = await t.call('GET', '/api/v1/me/notifications', { token });
  expect(res.status).toBe(200);
  return res.json.items;
}

function codeOf(res: { status: number; json: { error?: { code?: string } } }) {
  return [res.status, res.json?.error?.code];
}

describe('submission', () => {
  it('takes a proposal from a representative with co-signers, once per Idempotency-Key, and tells everyone', async () => {
    const l = await loop();
    const first = await submit(l, {}, { 'idempotency-key': 'proposal-1' });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      status: 'submitted',
      category: 'living_welfare',
      congress: { id: l.congressId, org: { id: l.w.org.id } },
      proposer: { representativeId: l.proposer.id, name: l.proposer.name },
      coSigners: [{ representativeId: l.cosigner.id, name: l.cosigner.name, status: 'pending', answeredAt: null }],
      myCosignature: null,
      handlerOrg: null,
      dueOn: null,
      overdue: false,
      availableActions: ['withdraw'],
      timeline: [{ action: 'submit', fromState: null, toState: 'submitted', actorKind: 'worker' }],
    });
    const again = await submit(l, {}, { 'idempotency-key': 'proposal-1' });
    expect([again.status, again.json.id]).toEqual([201, first.json.id]);
    const mine = await t.call('GET', '/api/v1/proposals?mine=true', { token: l.proposer.token });
    expect(mine.json.items.map((p: { id: string }) => p.id)).toEqual([first.json.id]);

    expect((await notices(l.proposer.token))[0]).toMatchObject({
      title: '提案已提交',
      link: `/proposals/${first.json.id}`,
    });
    expect((await notices(l.cosigner.token))[0]).toMatchObject({ title: '邀请您附议提案' });
    expect((await notices(l.committee.token))[0]).toMatchObject({ title: '新提案待审议' });
    expect(await notices(l.other.token)).toEqual([]);
  });

  it('offers a representative the other representatives of the congress to name as co-signers', async () => {
    const l = await loop();
    const url = `/api/v1/congresses/${l.congressId}/cosigner-candidates`;
    const candidates = await t.call('GET', url, { token: l.proposer.token });
    expect(candidates.status).toBe(200);
    expect(candidates.json.items.map((c: { id: string }) => c.id).sort()).toEqual([l.cosigner.id, l.other.id].sort());
    expect(candidates.json.items[0]).toEqual({
      id: expect.any(String),
      name: expect.stringMatching(/^代表/),
      delegation: null,
      org: { id: l.w.grassroots.id, name: expect.any(String) },
    });
    const byName = await t.call('GET', `${url}?q=${encodeURIComponent(l.other.name)}`, { token: l.proposer.token });
    expect(byName.json.items.map((c: { id: string }) => c.id)).toEqual([l.other.id]);
    const member = await signedInMember(t, l.w, '普通会员');
    expect(codeOf(await t.call('GET', url, { token: member.token }))).toEqual([403, 'FORBIDDEN']);
    const stranger = await signedInMember(t, await freshWorld(t), '外人');
    expect(codeOf(await t.call('GET', url, { token: stranger.token }))).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses co-signers who are not other active representatives of the congress', async () => {
    const l = await loop();
    const elsewhere = await congressWithRepresentatives(t, await freshWorld(t), 1);
    for (const coSignerIds of [
      [l.proposer.id],
      [elsewhere.representatives[0]!.id],
      [l.cosigner.id, crypto.randomUUID()],
    ]) {
      const res = await submit(l, { coSignerIds });
      expect(codeOf(res), JSON.stringify(coSignerIds)).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.json.error.details.issues[0].path).toMatch(/^coSignerIds\.\d$/);
    }
    await t.call('DELETE', `/api/v1/congresses/${l.congressId}/representatives/${l.other.id}`, {
      token: l.w.admin.token,
    });
    expect((await submit(l, { coSignerIds: [l.other.id] })).status).toBe(400);
  });

  it('is for representatives: a member of the union 403, a member elsewhere 404, an archived term 409', async () => {
    const l = await loop();
    const member = await signedInMember(t, l.w, '普通会员');
    const notRepresentative = await t.call('POST', '/api/v1/proposals', {
      token: member.token,
      body: { congressId: l.congressId, title: '标题标题', body: '内容内容内容内容内容', category: 'other' },
    });
    expect(codeOf(notRepresentative)).toEqual([403, 'FORBIDDEN']);
    const stranger = await signedInMember(t, await freshWorld(t), '外人');
    const outside = await t.call('POST', '/api/v1/proposals', {
      token: stranger.token,
      body: { congressId: l.congressId, title: '标题标题', body: '内容内容内容内容内容', category: 'other' },
    });
    expect(codeOf(outside)).toEqual([404, 'NOT_FOUND']);
    const staffCall = await t.call('POST', '/api/v1/proposals', {
      token: l.committee.token,
      body: { congressId: l.congressId, title: '标题标题', body: '内容内容内容内容内容', category: 'other' },
    });
    expect(staffCall.status).toBe(403);
    const id = await submitted(l);
    await t.call('POST', `/api/v1/congresses/${l.congressId}/archive`, { token: l.w.admin.token });
    expect(codeOf(await submit(l))).toEqual([409, 'CONGRESS_ARCHIVED']);
    expect(codeOf(await act(l.committee.token, id, { action: 'review_accept' }))).toEqual([409, 'CONGRESS_ARCHIVED']);
    const view = await t.call('GET', `/api/v1/proposals/${id}`, { token: l.proposer.token });
    expect([view.status, view.json.availableActions]).toEqual([200, []]);
  });
});

describe('co-signers', () => {
  it('confirm or decline once, read the proposal, and are told of every step only once they confirmed', async () => {
    const l = await loop();
    const id = await submitted(l, { coSignerIds: [l.cosigner.id, l.other.id] });
    const view = await t.call('GET', `/api/v1/proposals/${id}`, { token: l.cosigner.token });
    expect([view.status, view.json.myCosignature, view.json.availableActions]).toEqual([200, 'pending', []]);

    const agreed = await t.call('POST', `/api/v1/proposals/${id}/cosignatures`, {
      token: l.cosigner.token,
      body: { agree: true },
    });
    expect(agreed.status).toBe(201);
    expect(agreed.json.myCosignature).toBe('agreed');
    const again = await t.call('POST', `/api/v1/proposals/${id}/cosignatures`, {
      token: l.cosigner.token,
      body: { agree: false },
    });
    expect(codeOf(again)).toEqual([409, 'ALREADY_COSIGNED']);
    // With an Idempotency-Key a retry gets the first answer instead.
    const keyed = () =>
      t.call('POST', `/api/v1/proposals/${id}/cosignatures`, {
        token: l.other.token,
        headers: { 'idempotency-key': 'cosign-1' },
        body: { agree: false },
      });
    expect((await keyed()).status).toBe(201);
    expect((await keyed()).status).toBe(201);
    const declined = await t.call('GET', `/api/v1/proposals/${id}`, { token: l.other.token });
    expect(declined.json.coSigners).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ representativeId: l.cosigner.id, status: 'agreed' }),
        expect.objectContaining({ representativeId: l.other.id, status: 'declined' }),
      ]),
    );
    expect((await notices(l.proposer.token)).map((n) => n.title)).toEqual(
      expect.arrayContaining(['代表已附议您的提案', '代表谢绝附议您的提案']),
    );
    // The proposer is no co-signer of their own proposal.
    const own = await t.call('POST', `/api/v1/proposals/${id}/cosignatures`, {
      token: l.proposer.token,
      body: { agree: true },
    });
    expect(codeOf(own)).toEqual([403, 'FORBIDDEN']);

    await step(l.committee.token, id, { action: 'review_accept' });
    expect((await notices(l.cosigner.token))[0]).toMatchObject({ title: '提案已立案', link: `/proposals/${id}` });
    expect((await notices(l.other.token)).map((n) => n.title)).not.toContain('提案已立案');
    expect((await notices(l.proposer.token))[0]).toMatchObject({ title: '提案已立案' });
  });

  it('answer while the committee has not decided; a stranger gets 404; two answers at once count once', async () => {
    const l = await loop();
    const stranger = await signedInMember(t, l.w, '旁人');
    const id = await submitted(l, { coSignerIds: [l.cosigner.id, l.other.id] });
    const outsider = await t.call('POST', `/api/v1/proposals/${id}/cosignatures`, {
      token: stranger.token,
      body: { agree: true },
    });
    expect(codeOf(outsider)).toEqual([404, 'NOT_FOUND']);
    const both = await Promise.all(
      [true, false].map((agree) =>
        t.call('POST', `/api/v1/proposals/${id}/cosignatures`, { token: l.cosigner.token, body: { agree } }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    await step(l.committee.token, id, { action: 'review_accept' });
    const late = await t.call('POST', `/api/v1/proposals/${id}/cosignatures`, {
      token: l.other.token,
      body: { agree: true },
    });
    expect(codeOf(late)).toEqual([409, 'INVALID_TRANSITION']);
  });
});

describe('the closed loop', () => {
  it('runs submission → review → assignment (20 working days past National Day) → answer → satisfied rating', async () => {
    const l = await loop();
    const id = await submitted(l);
    const accepted = await step(l.committee.token, id, { action: 'review_accept', note: '同意立案' });
    expect(accepted.status).toBe('accepted');
    expect(accepted.availableActions).toEqual(['assign', 'refer_external', 'close']);
    const assign = await step(l.committee.token, id, { action: 'assign', handlerOrgId: l.handlerOrg.id });
    // From Monday 28 September: 29, 30 Sep, then 1–7 Oct off, Sat 10 Oct worked … the 20th working day is 30 October.
    expect(assign).toMatchObject({
      status: 'assigned',
      handlerOrg: { id: l.handlerOrg.id, name: l.handlerOrg.name },
      dueOn: '2026-10-30',
      dueAt: '2026-10-30T15:59:59.999Z',
      overdue: false,
      assignedAt: monday.toISOString(),
    });
    const handlerNotice = (await notices(l.handler.token))[0];
    expect(handlerNotice).toMatchObject({ title: '新交办提案', link: `/proposals/${id}` });
    expect(handlerNotice!.body).toContain('2026-10-30');
    expect((await notices(l.proposer.token))[0]!.body).toContain(l.handlerOrg.name);

    const handlerView = await t.call('GET', `/api/v1/proposals/${id}`, { token: l.handler.token });
    expect([handlerView.status, handlerView.json.availableActions]).toEqual([200, ['answer']]);
    clock.advance(3 * day);
    const answered = await step(l.handler.token, id, { action: 'answer', reply: '已在保丰村文化礼堂开办阳光学堂。' });
    expect(answered).toMatchObject({
      status: 'answered',
      reply: { text: '已在保丰村文化礼堂开办阳光学堂。', source: 'handler' },
      dueOn: null,
      availableActions: [],
    });
    const proposerView = await t.call('GET', `/api/v1/proposals/${id}`, { token: l.proposer.token });
    expect(proposerView.json.availableActions).toEqual(['rate']);
    expect((await notices(l.proposer.token))[0]).toMatchObject({ title: '提案已答复，请评价' });
    // A phone retrying its rating with the same Idempotency-Key gets the first answer; the step is taken once.
    const rate = () =>
      t.call('POST', `/api/v1/proposals/${id}/actions`, {
        token: l.proposer.token,
        headers: { 'idempotency-key': 'rate-1' },
        body: { action: 'rate', score: 5, comment: '很满意' },
      });
    const first = await rate();
    const retried = await rate();
    expect([first.status, retried.status]).toEqual([200, 200]);
    expect(retried.json).toEqual(first.json);
    const rated = first.json;
    expect(rated).toMatchObject({
      status: 'closed',
      rating: { score: 5, satisfied: true, comment: '很满意' },
      reopened: false,
      availableActions: [],
    });
    expect(rated.closedAt).not.toBeNull();
    expect(rated.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'review_accept',
      'assign',
      'answer',
      'rate',
    ]);
    expect(codeOf(await act(l.proposer.token, id, { action: 'rate', score: 1 }))).toEqual([409, 'INVALID_TRANSITION']);
  });

  it('guards every step by party: proposer, committee, handling body, another representative, other staff', async () => {
    const l = await loop();
    const other = await freshWorld(t);
    const perks = await createStaffUser(t, l.w.admin.token, l.w.org.id, ['perks_manager']);
    const id = await submitted(l);
    // Before assignment the handling body does not see it; nor do other representatives or another subtree's staff.
    for (const token of [l.handler.token, l.other.token, other.admin.token]) {
      expect(codeOf(await act(token, id, { action: 'review_accept' }))).toEqual([404, 'NOT_FOUND']);
      expect((await t.call('GET', `/api/v1/proposals/${id}`, { token })).status).toBe(404);
    }
    expect(codeOf(await act(perks.token, id, { action: 'review_accept' }))).toEqual([403, 'FORBIDDEN']);
    expect((await t.call('GET', `/api/v1/proposals/${id}`, { token: perks.token })).status).toBe(403);
    expect(codeOf(await act(l.proposer.token, id, { action: 'review_accept' }))).toEqual([403, 'FORBIDDEN']);
    expect(codeOf(await act(l.cosigner.token, id, { action: 'review_accept' }))).toEqual([403, 'FORBIDDEN']);
    expect(codeOf(await act(l.committee.token, id, { action: 'answer', reply: 'x' }))).toEqual([
      409,
      'INVALID_TRANSITION',
    ]);
    expect(codeOf(await act(l.committee.token, id, { action: 'rate', score: 5 }))).toEqual([409, 'INVALID_TRANSITION']);
    await step(l.committee.token, id, { action: 'review_accept' });
    await step(l.committee.token, id, { action: 'assign', handlerOrgId: l.handlerOrg.id });
    // Now the handling body sees it and may answer, nothing else.
    expect(codeOf(await act(l.handler.token, id, { action: 'assign', handlerOrgId: l.handlerOrg.id }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(codeOf(await act(l.handler.token, id, { action: 'review_accept' }))).toEqual([409, 'INVALID_TRANSITION']);
    expect(codeOf(await act(l.proposer.token, id, { action: 'answer', reply: '自己答复' }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(codeOf(await act(l.proposer.token, id, { action: 'rate', score: 5 }))).toEqual([409, 'INVALID_TRANSITION']);
    expect(codeOf(await act(other.admin.token, id, { action: 'answer', reply: 'x' }))).toEqual([404, 'NOT_FOUND']);
    // The committee may answer too.
    await step(l.committee.token, id, { action: 'answer', reply: '委员会直接答复。' });
    expect(codeOf(await act(l.committee.token, id, { action: 'rate', score: 5 }))).toEqual([403, 'FORBIDDEN']);
    expect(codeOf(await act(l.handler.token, id, { action: 'rate', score: 5 }))).toEqual([403, 'FORBIDDEN']);
    expect(codeOf(await act(l.cosigner.token, id, { action: 'rate', score: 5 }))).toEqual([403, 'FORBIDDEN']);
    expect(codeOf(await act(l.handler.token, id, { action: 'close' }))).toEqual([403, 'FORBIDDEN']);
  });

  it('returns to the proposer, who edits and resubmits; rejects; converts to a suggestion; the proposer withdraws', async () => {
    const l = await loop();
    const id = await submitted(l);
    const returned = await step(l.committee.token, id, { action: 'review_return', reason: '请补充具体措施' });
    expect(returned).toMatchObject({
      status: 'returned',
      reviewReason: '请补充具体措施',
      availableActions: [],
    });
    expect((await notices(l.proposer.token))[0]).toMatchObject({ title: '提案被退回修改' });
    expect((await notices(l.proposer.token))[0]!.body).toContain('请补充具体措施');
    const mine = await t.call('GET', `/api/v1/proposals/${id}`, { token: l.proposer.token });
    expect(mine.json.availableActions).toEqual(['resubmit', 'withdraw']);
    const resubmitted = await step(l.proposer.token, id, {
      action: 'resubmit',
      title: '关于开设暑期职工子女托管班的建议',
      category: 'democratic_management',
    });
    expect(resubmitted).toMatchObject({
      status: 'submitted',
      title: '关于开设暑期职工子女托管班的建议',
      category: 'democratic_management',
    });
    expect((await notices(l.committee.token))[0]).toMatchObject({ title: '提案已修改，待审议' });
    const rejected = await step(l.committee.token, id, { action: 'review_reject', reason: '不属于提案范围' });
    expect([rejected.status, rejected.reviewReason, rejected.availableActions]).toEqual([
      'rejected',
      '不属于提案范围',
      [],
    ]);
    expect(codeOf(await act(l.committee.token, id, { action: 'review_accept' }))).toEqual([409, 'INVALID_TRANSITION']);

    const converted = await step(l.committee.token, await submitted(l), { action: 'convert_to_suggestion' });
    expect(converted.status).toBe('converted');
    expect(converted.timeline.at(-1)).toMatchObject({ action: 'convert_to_suggestion', toState: 'converted' });

    const withdrawn = await step(l.proposer.token, await submitted(l), { action: 'withdraw' });
    expect(withdrawn.status).toBe('withdrawn');
    // A reason is required for a return or a rejection.
    expect((await act(l.committee.token, await submitted(l), { action: 'review_return' })).status).toBe(400);
  });

  it("goes on as a suggestion when converted, and takes a members' suggestion up as a proposal", async () => {
    const l = await loop();
    const id = await submitted(l);
    await step(l.committee.token, id, { action: 'convert_to_suggestion' });
    // The proposer finds it among their suggestions, addressed to the congress's union, naming the proposal.
    const mine = await t.call('GET', '/api/v1/suggestions?mine=true', { token: l.proposer.token });
    expect(mine.json.items).toHaveLength(1);
    const suggestion = await t.call('GET', `/api/v1/suggestions/${mine.json.items[0].id}`, { token: l.proposer.token });
    expect(suggestion.json).toMatchObject({ status: 'open', title: '关于开设假期职工子女阳光学堂的建议' });
    expect(suggestion.json.sourceProposalId).toBe(id);

    // A member's suggestion that others support, taken up by a representative.
    const author = await signedInMember(t, l.w, '提建议的职工');
    const posted = await t.call('POST', '/api/v1/suggestions', {
      token: author.token,
      body: { title: '食堂增加夜班餐', body: '夜班职工下班后没有热饭。' },
    });
    expect(posted.status).toBe(201);
    const proposal = await submitted(l, { suggestionId: posted.json.id, coSignerIds: [] });
    const takenUp = await t.call('GET', `/api/v1/suggestions/${posted.json.id}`, { token: author.token });
    expect(takenUp.json.status).toBe('taken_up');
    expect(takenUp.json.proposalId).toBe(proposal);
    // Once only: the same suggestion again is refused, and the proposal with it is not made.
    expect(codeOf(await submit(l, { suggestionId: posted.json.id }))).toEqual([409, 'INVALID_TRANSITION']);
    // A suggestion the representative cannot see (another federation's) is refused on the field.
    const elsewhere = await freshWorld(t);
    const stranger = await signedInMember(t, elsewhere, '外地职工');
    const far = await t.call('POST', '/api/v1/suggestions', {
      token: stranger.token,
      body: { title: '外地建议', body: '内容' },
    });
    const refused = await submit(l, { suggestionId: far.json.id });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.issues[0]).toMatchObject({ path: 'suggestionId', code: 'not_found' });
  });

  it('reopens handling once on a dissatisfied rating, with a new due date; a second one closes it dissatisfied', async () => {
    const l = await loop();
    const id = await assigned(l);
    await step(l.handler.token, id, { action: 'answer', reply: '第一次答复' });
    clock.set(new Date('2026-10-12T10:00:00+08:00'));
    // A score under 3 is dissatisfied unless the proposer says otherwise.
    const reopened = await step(l.proposer.token, id, { action: 'rate', score: 2, comment: '没有解决' });
    // From Monday 12 October, 20 working days: Monday 9 November.
    expect(reopened).toMatchObject({
      status: 'assigned',
      reopened: true,
      rating: { score: 2, satisfied: false, comment: '没有解决' },
      handlerOrg: { id: l.handlerOrg.id },
      dueOn: '2026-11-09',
    });
    expect(reopened.timeline.at(-1)).toMatchObject({ action: 'reopen', fromState: 'answered', toState: 'assigned' });
    expect((await notices(l.handler.token))[0]).toMatchObject({ title: '提案不满意，重新交办' });
    await step(l.handler.token, id, { action: 'answer', reply: '第二次答复' });
    const closed = await step(l.proposer.token, id, { action: 'rate', score: 4, satisfied: false });
    expect(closed).toMatchObject({
      status: 'closed_dissatisfied',
      rating: { score: 4, satisfied: false },
      reply: { text: '第二次答复' },
      availableActions: [],
    });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.ratings).toEqual([
      { score: 2, satisfied: false, comment: '没有解决', at: '2026-10-12T02:00:00.000Z' },
      { score: 4, satisfied: false, comment: null, at: '2026-10-12T02:00:00.000Z' },
    ]);
    expect(closed.timeline.map((e: { action: string }) => e.action).slice(-3)).toEqual([
      'reopen',
      'answer',
      'close_dissatisfied',
    ]);
    // A low score the proposer calls satisfied closes it.
    const other = await assigned(l);
    await step(l.handler.token, other, { action: 'answer', reply: '答复' });
    expect((await step(l.proposer.token, other, { action: 'rate', score: 2, satisfied: true })).status).toBe('closed');
  });

  it('refers a matter to an outside platform and records its answer; a dissatisfied rating follows it up there', async () => {
    const l = await loop();
    const id = await submitted(l);
    await step(l.committee.token, id, { action: 'review_accept' });
    const referred = await step(l.committee.token, id, {
      action: 'refer_external',
      platform: '基层治理四平台',
      externalRef: 'JCZL-2026-0815',
    });
    expect(referred).toMatchObject({
      status: 'referred',
      referral: { platform: '基层治理四平台', externalRef: 'JCZL-2026-0815' },
      availableActions: ['record_external_answer', 'answer'],
    });
    expect((await notices(l.proposer.token))[0]!.body).toContain('JCZL-2026-0815');
    const answered = await step(l.committee.token, id, {
      action: 'record_external_answer',
      reply: '镇里已协调转学事宜。',
    });
    expect(answered).toMatchObject({ status: 'answered', reply: { source: 'external', text: '镇里已协调转学事宜。' } });
    const again = await step(l.proposer.token, id, { action: 'rate', score: 1 });
    expect([again.status, again.reopened]).toEqual(['referred', true]);
    expect(again.timeline.at(-1)).toMatchObject({ action: 'reopen_referral', toState: 'referred' });
    // The platform's answer may also be recorded as a plain `answer` (API.md's action), by the committee only.
    expect(codeOf(await act(l.proposer.token, id, { action: 'answer', reply: '已解决' }))).toEqual([403, 'FORBIDDEN']);
    const plain = await step(l.committee.token, id, { action: 'answer', reply: '平台二次答复：已落实。' });
    expect(plain).toMatchObject({ status: 'answered', reply: { source: 'external', text: '平台二次答复：已落实。' } });
  });

  it('lets the committee close an answer nobody rates after 15 working days, not before', async () => {
    const l = await loop();
    const id = await assigned(l);
    const answered = await step(l.handler.token, id, { action: 'answer', reply: '答复' });
    // Answered Monday 28 September: 15 working days (National Day off, 10 October worked) end on Friday 23 October.
    expect(answered.closableFrom).toBe('2026-10-23T15:59:59.999Z');
    const early = await act(l.committee.token, id, { action: 'close' });
    expect(codeOf(early)).toEqual([409, 'INVALID_TRANSITION']);
    expect(early.json.error.details).toMatchObject({
      reason: 'rating_window_open',
      closableFrom: answered.closableFrom,
    });
    expect(
      (await t.call('GET', `/api/v1/proposals/${id}`, { token: l.committee.token })).json.availableActions,
    ).toEqual([]);
    clock.set(new Date('2026-10-24T09:00:00+08:00'));
    const view = await t.call('GET', `/api/v1/proposals/${id}`, { token: l.committee.token });
    expect(view.json.availableActions).toEqual(['close']);
    const closed = await step(l.committee.token, id, { action: 'close', note: '代表逾期未评价' });
    expect([closed.status, closed.rating]).toEqual(['closed', null]);
  });

  it('lets one of two simultaneous acceptances through', async () => {
    const l = await loop();
    const id = await submitted(l);
    const both = await Promise.all([1, 2].map(() => act(l.committee.token, id, { action: 'review_accept' })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.json.error.code).toBe('INVALID_TRANSITION');
    const view = await t.call('GET', `/api/v1/proposals/${id}`, { token: l.committee.token });
    expect(view.json.timeline.filter((e: { action: string }) => e.action === 'review_accept')).toHaveLength(1);
  });
});

describe('assignment and supervision (督办)', () => {
  it('takes the due date given (a past one is overdue at once), and a handling body of the congress’s subtree only', async () => {
    const l = await loop();
    const pastId = await submitted(l);
    await step(l.committee.token, pastId, { action: 'review_accept' });
    // A proposer may not assign: 403 before anything about the handling body is said.
    expect(
      codeOf(await act(l.proposer.token, pastId, { action: 'assign', handlerOrgId: crypto.randomUUID() })),
    ).toEqual([403, 'FORBIDDEN']);
    const past = await step(l.committee.token, pastId, {
      action: 'assign',
      handlerOrgId: l.handlerOrg.id,
      dueOn: '2026-09-27',
    });
    expect([past.dueOn, past.overdue]).toEqual(['2026-09-27', true]);
    const overdueList = await t.call('GET', '/api/v1/proposals?overdue=true', { token: l.committee.token });
    expect(overdueList.json.items.map((p: { id: string }) => p.id)).toContain(pastId);
    const id = await submitted(l);
    await step(l.committee.token, id, { action: 'review_accept' });
    const elsewhere = await freshWorld(t);
    const outside = await act(l.committee.token, id, { action: 'assign', handlerOrgId: elsewhere.org.id });
    expect(outside.json.error.details.issues[0]).toMatchObject({ path: 'handlerOrgId', code: 'not_in_scope' });
    const today = await step(l.committee.token, id, {
      action: 'assign',
      handlerOrgId: l.handlerOrg.id,
      dueOn: '2026-09-28',
    });
    expect([today.dueOn, today.dueAt]).toEqual(['2026-09-28', '2026-09-28T15:59:59.999Z']);
    // Handed to another body (the congress's own union) with a new date.
    const moved = await step(l.committee.token, id, {
      action: 'assign',
      handlerOrgId: l.w.grassroots.id,
      dueOn: '2026-10-09',
    });
    expect([moved.handlerOrg.id, moved.dueOn]).toEqual([l.w.grassroots.id, '2026-10-09']);
    // The first body no longer sees it.
    expect((await t.call('GET', `/api/v1/proposals/${id}`, { token: l.handler.token })).status).toBe(404);
  });

  it('flags handling past its due time, lists and exports the overdue, and counts them', async () => {
    const l = await loop();
    const late = await assigned(l, '2026-09-30');
    const onTime = await assigned(l, '2026-10-30');
    const answered = await assigned(l, '2026-09-29');
    await step(l.handler.token, answered, { action: 'answer', reply: '按时答复' });
    clock.set(new Date('2026-10-01T00:00:00+08:00'));
    const view = await t.call('GET', `/api/v1/proposals/${late}`, { token: l.committee.token });
    expect(view.json.overdue).toBe(true);
    const list = await t.call('GET', '/api/v1/proposals?overdue=true', { token: l.committee.token });
    expect(list.json.items.map((p: { id: string }) => p.id)).toEqual([late]);
    const handlerList = await t.call('GET', '/api/v1/proposals?overdue=true&mine=true', { token: l.handler.token });
    expect(handlerList.json.items.map((p: { id: string }) => p.id)).toEqual([late]);
    expect((await t.call('GET', `/api/v1/proposals/${onTime}`, { token: l.committee.token })).json.overdue).toBe(false);

    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/proposals/export.xlsx?overdue=true',
      headers: { authorization: `Bearer ${l.committee.token}` },
    });
    expect(res.statusCode).toBe(200);
    const sheet = await readWorkbook(res.rawPayload);
    const headings = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headings).toEqual(
      expect.arrayContaining(['标题', '类别', '提案人', '状态', '承办单位', '办理期限', '督办']),
    );
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(headings.indexOf('督办') + 1).value).toBe('超期');
    expect(sheet.getRow(2).getCell(headings.indexOf('状态') + 1).value).toBe('办理中');
    expect(sheet.getRow(2).getCell(headings.indexOf('类别') + 1).value).toBe('生活福利');

    const stats = await t.call('GET', `/api/v1/congresses/${l.congressId}/proposal-stats`, {
      token: l.committee.token,
    });
    expect(stats.json).toMatchObject({ total: 3, overdue: 1, answered: 1, accepted: 3, closed: 0 });
    expect(stats.json.byStatus).toMatchObject({ assigned: 2, answered: 1, submitted: 0 });
    // Answered late is still answered: it is no longer overdue.
    await step(l.handler.token, late, { action: 'answer', reply: '逾期答复' });
    expect((await t.call('GET', `/api/v1/proposals/${late}`, { token: l.proposer.token })).json.overdue).toBe(false);
  });

  it('reminds the handling body the day before and on the due day, each once', async () => {
    const l = await loop();
    // Due Friday 9 October (the day after the holiday).
    const id = await assigned(l, '2026-10-09');
    const reminders = async () => (await notices(l.handler.token)).filter((n) => n.title.startsWith('督办'));
    clock.set(new Date('2026-10-07T23:00:00+08:00'));
    await sendProposalReminders(t.ctx);
    expect(await reminders()).toEqual([]);
    clock.set(new Date('2026-10-08T00:05:00+08:00'));
    await sendProposalReminders(t.ctx);
    clock.set(new Date('2026-10-08T18:00:00+08:00'));
    await sendProposalReminders(t.ctx);
    expect(await reminders()).toEqual([
      expect.objectContaining({ title: '督办：提案明日到期', link: `/proposals/${id}` }),
    ]);
    clock.set(new Date('2026-10-09T08:00:00+08:00'));
    await sendProposalReminders(t.ctx);
    await sendProposalReminders(t.ctx);
    expect((await reminders()).map((n) => n.title)).toEqual(['督办：提案今日到期', '督办：提案明日到期']);
    clock.set(new Date('2026-10-10T08:00:00+08:00'));
    await sendProposalReminders(t.ctx);
    expect(await reminders()).toHaveLength(2);
    // Nothing to the proposer or the committee: reminders are the handling body's.
    expect((await notices(l.proposer.token)).filter((n) => n.title.startsWith('督办'))).toEqual([]);
  });

  it('sends no reminder for an answered proposal', async () => {
    const l = await loop();
    const id = await assigned(l, '2026-09-29');
    await step(l.handler.token, id, { action: 'answer', reply: '答复' });
    clock.set(new Date('2026-09-29T08:00:00+08:00'));
    await sendProposalReminders(t.ctx);
    expect((await notices(l.handler.token)).filter((n) => n.title.startsWith('督办'))).toEqual([]);
  });
});

describe('attachments', () => {
  it('are read by those who may see the proposal, and only the uploader’s own files attach', async () => {
    const l = await loop();
    const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
    const uploaded = await uploadFile(
      t,
      '/api/v1/proposals/attachments',
      l.proposer.token,
      '现场照片.png',
      png,
      'image/png',
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.json).toMatchObject({ fileName: '现场照片.png', mediaType: 'image/png' });
    const theirs = await uploadFile(t, '/api/v1/proposals/attachments', l.other.token, 'x.png', png, 'image/png');
    const foreign = await submit(l, { attachmentIds: [theirs.json.id] });
    expect(foreign.json.error.details.issues[0].path).toBe('attachmentIds.0');
    const text = await uploadFile(t, '/api/v1/proposals/attachments', l.proposer.token, 'a.txt', Buffer.from('hello'));
    expect(text.status).toBe(415);

    const id = await submitted(l, { attachmentIds: [uploaded.json.id] });
    const url = `/api/v1/proposals/${id}/attachments/${uploaded.json.id}`;
    const other = await freshWorld(t);
    for (const [who, token, status] of [
      ['proposer', l.proposer.token, 200],
      ['co-signer', l.cosigner.token, 200],
      ['committee', l.committee.token, 200],
      ['another representative', l.other.token, 404],
      ['handling body before assignment', l.handler.token, 404],
      ['another subtree', other.admin.token, 404],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      expect([who, res.statusCode]).toEqual([who, status]);
      if (status === 200) expect(res.headers['content-type']).toBe('image/png');
    }
    // A file not attached to this proposal is not served through it.
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/proposals/${id}/attachments/${theirs.json.id}`,
      headers: { authorization: `Bearer ${l.proposer.token}` },
    });
    expect(res.statusCode).toBe(404);
    await step(l.committee.token, id, { action: 'review_accept' });
    await step(l.committee.token, id, { action: 'assign', handlerOrgId: l.handlerOrg.id });
    const handler = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${l.handler.token}` } });
    expect(handler.statusCode).toBe(200);
    const view = await t.call('GET', `/api/v1/proposals/${id}`, { token: l.handler.token });
    expect(view.json.attachments).toEqual([expect.objectContaining({ id: uploaded.json.id })]);
  });
});

describe('lists and figures', () => {
  it('lists members’ own and co-signed proposals, staff’s of their subtree, with filters and pages', async () => {
    const l = await loop();
    // A minute apart: the lists are newest first.
    const first = await submitted(l, { coSignerIds: [] });
    clock.advance(60_000);
    const second = await submitted(l, { title: '关于加强夏季防暑降温的提案', category: 'labour_protection' });
    clock.advance(60_000);
    const third = await t.call('POST', '/api/v1/proposals', {
      token: l.other.token,
      body: {
        congressId: l.congressId,
        title: '关于职业技能培训的提案',
        body: '希望镇总工会多组织不同类别的职业技能培训。',
        category: 'vocational_skills',
      },
    });
    expect(third.status).toBe(201);
    const ids = (res: { json: { items: { id: string }[] } }) => res.json.items.map((p) => p.id);
    expect(ids(await t.call('GET', '/api/v1/proposals?mine=true', { token: l.proposer.token }))).toEqual([
      second,
      first,
    ]);
    expect(ids(await t.call('GET', '/api/v1/proposals?mine=true', { token: l.cosigner.token }))).toEqual([second]);
    expect(ids(await t.call('GET', '/api/v1/proposals', { token: l.other.token }))).toEqual([third.json.id]);
    const staff = await t.call('GET', `/api/v1/proposals?congressId=${l.congressId}`, { token: l.committee.token });
    expect(ids(staff)).toEqual([third.json.id, second, first]);
    expect(
      ids(await t.call('GET', '/api/v1/proposals?category=labour_protection', { token: l.committee.token })),
    ).toEqual([second]);
    expect(
      ids(await t.call('GET', `/api/v1/proposals?q=${encodeURIComponent('技能')}`, { token: l.committee.token })),
    ).toEqual([third.json.id]);
    const page = await t.call('GET', `/api/v1/proposals?congressId=${l.congressId}&limit=2`, {
      token: l.committee.token,
    });
    expect(ids(page)).toEqual([third.json.id, second]);
    const next = await t.call(
      'GET',
      `/api/v1/proposals?congressId=${l.congressId}&limit=2&cursor=${page.json.nextCursor}`,
      { token: l.committee.token },
    );
    expect([ids(next), next.json.nextCursor]).toEqual([[first], null]);

    await step(l.committee.token, first, { action: 'review_accept' });
    await step(l.committee.token, first, { action: 'assign', handlerOrgId: l.handlerOrg.id });
    expect(ids(await t.call('GET', '/api/v1/proposals?status=assigned', { token: l.committee.token }))).toEqual([
      first,
    ]);
    expect(ids(await t.call('GET', '/api/v1/proposals?status=open', { token: l.committee.token }))).toHaveLength(3);
    // The handling body's staff see only what is assigned to them.
    expect(ids(await t.call('GET', '/api/v1/proposals', { token: l.handler.token }))).toEqual([first]);
    expect(
      ids(await t.call('GET', `/api/v1/proposals?handlerOrgId=${l.handlerOrg.id}`, { token: l.committee.token })),
    ).toEqual([first]);
    const other = await freshWorld(t);
    expect(ids(await t.call('GET', '/api/v1/proposals', { token: other.admin.token }))).toEqual([]);
    const perks = await createStaffUser(t, l.w.admin.token, l.w.org.id, ['perks_manager']);
    expect((await t.call('GET', '/api/v1/proposals', { token: perks.token })).status).toBe(403);
  });

  it('costs as many statements for a page of five as for a page of one', async () => {
    const l = await loop();
    const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
    const file = await uploadFile(t, '/api/v1/proposals/attachments', l.proposer.token, 'p.png', png, 'image/png');
    await submitted(l, { attachmentIds: [file.json.id] });
    const list = (limit: number) => () =>
      t.call('GET', `/api/v1/proposals?congressId=${l.congressId}&limit=${limit}`, { token: l.committee.token });
    const forOne = await countQueries(t.database, list(1));
    for (let i = 0; i < 4; i++) await submitted(l, { coSignerIds: [l.cosigner.id, l.other.id] });
    const forFive = await countQueries(t.database, list(5));
    expect((await list(5)()).json.items).toHaveLength(5);
    expect(forFive).toBe(forOne);
  });

  it('answers a congress’s figures: states, closure rate, ratings', async () => {
    const l = await loop();
    const satisfied = await assigned(l);
    await step(l.handler.token, satisfied, { action: 'answer', reply: '答复一' });
    await step(l.proposer.token, satisfied, { action: 'rate', score: 5 });
    const dissatisfied = await assigned(l);
    await step(l.handler.token, dissatisfied, { action: 'answer', reply: '答复二' });
    await step(l.proposer.token, dissatisfied, { action: 'rate', score: 2 });
    await step(l.committee.token, await submitted(l), { action: 'review_reject', reason: '不予立案' });
    await submitted(l);
    const stats = await t.call('GET', `/api/v1/congresses/${l.congressId}/proposal-stats`, {
      token: l.committee.token,
    });
    expect(stats.status).toBe(200);
    expect(stats.json).toEqual({
      total: 4,
      byStatus: {
        submitted: 1,
        returned: 0,
        accepted: 0,
        assigned: 1,
        referred: 0,
        answered: 0,
        closed: 1,
        closed_dissatisfied: 0,
        rejected: 1,
        converted: 0,
        withdrawn: 0,
      },
      accepted: 2,
      answered: 2,
      closed: 1,
      closureRate: 0.5,
      overdue: 0,
      averageRating: 3.5,
      satisfiedShare: 0.5,
    });
    const other = await freshWorld(t);
    expect(
      (await t.call('GET', `/api/v1/congresses/${l.congressId}/proposal-stats`, { token: other.admin.token })).status,
    ).toBe(404);
    expect(
      (await t.call('GET', `/api/v1/congresses/${l.congressId}/proposal-stats`, { token: l.handler.token })).status,
    ).toBe(404);
  });
});
