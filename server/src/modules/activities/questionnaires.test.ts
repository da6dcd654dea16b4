import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesWorld, activityMember, type ActivitiesWorld } from '../../../test/activities.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { readWorkbook } from '../../../test/uploads.js';
import { queryRows, sql } from '../../kernel/db/client.js';
import { withheldCells } from './questionnaires.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const hour = 3_600_000;
const questions = [
  { kind: 'single', text: '您对食堂的总体评价', options: ['满意', '一般', '不满意'] },
  { kind: 'multiple', text: '您希望工会组织哪些活动', options: ['健步走', '读书会', '球类比赛'] },
  { kind: 'rating', text: '为职工之家打分' },
  { kind: 'text', text: '其他意见和建议', required: false },
];

async function questionnaire(w: ActivitiesWorld, body: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/api/v1/questionnaires', {
    token: w.officer.token,
    body: {
      orgId: w.org.id,
      title: '2026年职工需求调查',
      questions,
      opensAt: new Date(Date.now() - hour).toISOString(),
      closesAt: new Date(Date.now() + 24 * hour).toISOString(),
      ...body,
    },
  });
  expect(res.status).toBe(201);
  return res.json as { id: string; questions: { id: string }[] };
}

type Answers = { questionId: string; choices?: number[]; rating?: number; text?: string }[];

function answers(
  q: { questions: { id: string }[] },
  single: number,
  multiple: number[],
  rating: number,
  text?: string,
) {
  const [a, b, c, d] = q.questions.map((x) => x.id);
  const list: Answers = [
    { questionId: a!, choices: [single] },
    { questionId: b!, choices: multiple },
    { questionId: c!, rating },
  ];
  if (text) list.push({ questionId: d!, text });
  return list;
}

const respond = (token: string, id: string, list: Answers, key?: string) =>
  t.call('POST', `/api/v1/questionnaires/${id}/responses`, {
    token,
    body: { answers: list },
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });

describe('questionnaires: building and seeing them', () => {
  it('an officer builds one; bad questions are refused naming them; a leader reads but does not build', async () => {
    const w = await activitiesWorld(t);
    const q = await questionnaire(w);
    expect(q).toMatchObject({ open: true, anonymous: false, responses: 0, answeredByMe: null });
    expect(q.questions).toHaveLength(4);
    const bad = async (body: Record<string, unknown>, path: string) => {
      const res = await t.call('POST', '/api/v1/questionnaires', {
        token: w.officer.token,
        body: {
          orgId: w.org.id,
          title: 'x',
          questions,
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + hour).toISOString(),
          ...body,
        },
      });
      expect(res.status).toBe(400);
      expect(res.json.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    };
    await bad({ questions: [{ kind: 'text', text: '意见', options: ['a', 'b'] }] }, 'questions.0.options');
    await bad({ questions: [{ kind: 'single', text: '选择' }] }, 'questions.0.options');
    await bad({ questions: [{ kind: 'single', text: '选择', options: ['a', 'a'] }] }, 'questions.0.options');
    await bad({ questions: [] }, 'questions');
    await bad({ closesAt: new Date(Date.now() - hour).toISOString() }, 'closesAt');
    const byLeader = await t.call('POST', '/api/v1/questionnaires', {
      token: w.leader.token,
      body: {
        orgId: w.org.id,
        title: 'x',
        questions,
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + hour).toISOString(),
      },
    });
    expect(byLeader.status).toBe(403);
    expect((await t.call('GET', `/api/v1/questionnaires/${q.id}`, { token: w.leader.token })).status).toBe(200);
  });

  it("another federation's officer and a member outside the subtree get 404; members see their chain's", async () => {
    const w = await activitiesWorld(t);
    const other = await activitiesWorld(t);
    const q = await questionnaire(w);
    const local = await questionnaire(w, { orgId: w.grassroots.id });
    expect((await t.call('GET', `/api/v1/questionnaires/${q.id}`, { token: other.officer.token })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/questionnaires/${q.id}/results`, { token: other.officer.token })).status).toBe(
      404,
    );
    const byOther = await t.call('POST', '/api/v1/questionnaires', {
      token: other.officer.token,
      body: {
        orgId: w.org.id,
        title: 'x',
        questions,
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + hour).toISOString(),
      },
    });
    expect(byOther.status).toBe(404);
    const depotMember = await activityMember(t, w, w.depot.id);
    expect((await t.call('GET', `/api/v1/questionnaires/${local.id}`, { token: depotMember.token })).status).toBe(404);
    expect((await respond(depotMember.token, local.id, answers(local, 0, [0], 5))).status).toBe(404);
    const list = await t.call('GET', '/api/v1/questionnaires', { token: depotMember.token });
    const ids = list.json.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(q.id);
    expect(ids).not.toContain(local.id);
    expect(list.json.items[0]).toMatchObject({ answeredByMe: false, responses: null });
    const stranger = await activityMember(t, other);
    expect((await respond(stranger.token, q.id, answers(q, 0, [0], 5))).status).toBe(404);
    // Two federations with their staff: slow on a busy machine.
  }, 180_000);
});

describe('answering', () => {
  it('once: again 409 ALREADY_SUBMITTED; a retry with the same Idempotency-Key gets the first answer', async () => {
    const w = await activitiesWorld(t);
    const q = await questionnaire(w);
    const m = await activityMember(t, w);
    const first = await respond(m.token, q.id, answers(q, 0, [0, 2], 5, '希望增加夜班餐'), 'k-1');
    expect(first.status).toBe(201);
    expect(first.json.org.id).toBe(w.grassroots.id);
    const retry = await respond(m.token, q.id, answers(q, 0, [0, 2], 5, '希望增加夜班餐'), 'k-1');
    expect(retry.status).toBe(201);
    expect(retry.json.id).toBe(first.json.id);
    const again = await respond(m.token, q.id, answers(q, 1, [1], 3), 'k-2');
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ALREADY_SUBMITTED');
    const seen = await t.call('GET', `/api/v1/questionnaires/${q.id}`, { token: m.token });
    expect(seen.json.answeredByMe).toBe(true);
  });

  it('once under concurrency: eight submissions at the same moment, one response', async () => {
    const w = await activitiesWorld(t);
    const q = await questionnaire(w);
    const m = await activityMember(t, w);
    const all = await Promise.all(
      Array.from({ length: 8 }, (_, i) => respond(m.token, q.id, answers(q, i % 3, [i % 3], 1 + (i % 5)), `c-${i}`)),
    );
    expect(all.filter((r) => r.status === 201)).toHaveLength(1);
    expect(all.filter((r) => r.status === 409).every((r) => r.json.error.code === 'ALREADY_SUBMITTED')).toBe(true);
    expect(all.filter((r) => r.status === 409)).toHaveLength(7);
    const results = await t.call('GET', `/api/v1/questionnaires/${q.id}/results`, { token: w.officer.token });
    expect(results.json.responses).toBe(1);
    expect(results.json.questions[0].answered).toBe(1);
  });

  it('refuses answers that do not fit their question, a missing required one, and a closed questionnaire', async () => {
    const w = await activitiesWorld(t);
    const q = await questionnaire(w);
    const m = await activityMember(t, w);
    const [a, b, c] = q.questions.map((x) => x.id);
    const refused = async (list: Answers, path: string) => {
      const res = await respond(m.token, q.id, list);
      expect(res.status).toBe(400);
      expect(res.json.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    };
    await refused([{ questionId: a!, choices: [3] }, ...answers(q, 0, [0], 5).slice(1)], 'answers.0');
    await refused([{ questionId: a!, choices: [0, 1] }, ...answers(q, 0, [0], 5).slice(1)], 'answers.0');
    await refused([...answers(q, 0, [0], 5).slice(0, 1), { questionId: b!, choices: [1, 1] }], 'answers.1');
    await refused([...answers(q, 0, [0], 5).slice(0, 2), { questionId: c!, text: '五星' }], 'answers.2');
    await refused(answers(q, 0, [0], 5).slice(0, 2), 'answers');
    const closed = await questionnaire(w, {
      opensAt: new Date(Date.now() - 48 * hour).toISOString(),
      closesAt: new Date(Date.now() - 24 * hour).toISOString(),
    });
    const late = await respond(m.token, closed.id, answers(closed, 0, [0], 5));
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('ACTIVITY_NOT_OPEN');
    // None of the refusals used up the member's one response.
    expect((await respond(m.token, q.id, answers(q, 0, [0], 5))).status).toBe(201);
  });
});

describe('editing and closing (officers of its union)', () => {
  const patch = (token: string, id: string, body: Record<string, unknown>) =>
    t.call('PATCH', `/api/v1/questionnaires/${id}`, { token, body });

  it('an open one: title, description, a later closing; questions and anonymity only until somebody answers', async () => {
    const w = await activitiesWorld(t);
    const q = await questionnaire(w);
    const closesAt = new Date(Date.now() + 48 * hour).toISOString();
    const edited = await patch(w.officer.token, q.id, {
      title: '职工需求调查（修订）',
      description: '请如实填写',
      closesAt,
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ title: '职工需求调查（修订）', description: '请如实填写', open: true });
    expect(Date.parse(edited.json.closesAt)).toBe(Date.parse(closesAt));
    const moved = await patch(w.officer.token, q.id, { opensAt: new Date(Date.now() + hour).toISOString() });
    expect(moved.status).toBe(409);
    expect(moved.json.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'started' } });
    const past = await patch(w.officer.token, q.id, { closesAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.json.error.details.issues[0]).toMatchObject({ path: 'closesAt', code: 'past_date' });

    // Nobody has answered yet: the questions may be replaced.
    const rebuilt = await patch(w.officer.token, q.id, {
      questions: [{ kind: 'single', text: '食堂满意吗', options: ['满意', '不满意'] }],
      anonymous: true,
    });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.json.anonymous).toBe(true);
    expect(rebuilt.json.questions.map((x: { text: string; position: number }) => [x.position, x.text])).toEqual([
      [1, '食堂满意吗'],
    ]);
    const m = await activityMember(t, w);
    const questionId = rebuilt.json.questions[0].id as string;
    // An answer to a question the edit removed is refused, naming it; to the new one taken.
    expect((await respond(m.token, q.id, [{ questionId: q.questions[0]!.id, choices: [0] }])).status).toBe(400);
    expect((await respond(m.token, q.id, [{ questionId, choices: [1] }])).status).toBe(201);

    for (const body of [{ questions }, { anonymous: false }]) {
      const refused = await patch(w.officer.token, q.id, body);
      expect(refused.status).toBe(409);
      expect(refused.json.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'has_responses' } });
    }
    expect((await patch(w.officer.token, q.id, { anonymous: true, title: '食堂调查' })).status).toBe(200);
    expect((await patch(w.leader.token, q.id, { title: 'x' })).status).toBe(403);
    const other = await activitiesWorld(t);
    expect((await patch(other.officer.token, q.id, { title: 'x' })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/questionnaires/${q.id}/close`, { token: other.officer.token })).status).toBe(
      404,
    );
  }, 180_000);

  it('closing now ends the answering; a closed one keeps its window; one not yet open cannot be closed', async () => {
    const w = await activitiesWorld(t);
    const q = await questionnaire(w);
    const m = await activityMember(t, w);
    const closed = await t.call('POST', `/api/v1/questionnaires/${q.id}/close`, { token: w.officer.token });
    expect(closed.status).toBe(200);
    expect(closed.json.open).toBe(false);
    expect(Date.parse(closed.json.closesAt)).toBeLessThanOrEqual(Date.now());
    const late = await respond(m.token, q.id, answers(q, 0, [0], 5));
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('ACTIVITY_NOT_OPEN');
    const again = await t.call('POST', `/api/v1/questionnaires/${q.id}/close`, { token: w.officer.token });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'ACTIVITY_NOT_OPEN', details: { reason: 'closed' } });
    const reopen = await patch(w.officer.token, q.id, { closesAt: new Date(Date.now() + hour).toISOString() });
    expect(reopen.status).toBe(409);
    expect(reopen.json.error.details.reason).toBe('closed');
    expect((await patch(w.officer.token, q.id, { title: '已结束的调查' })).status).toBe(200);

    const later = await questionnaire(w, {
      opensAt: new Date(Date.now() + hour).toISOString(),
      closesAt: new Date(Date.now() + 2 * hour).toISOString(),
    });
    const early = await t.call('POST', `/api/v1/questionnaires/${later.id}/close`, { token: w.officer.token });
    expect(early.status).toBe(409);
    expect(early.json.error.details.reason).toBe('not_open');
    const opensAt = new Date(Date.now() + 3 * hour).toISOString();
    const backwards = await patch(w.officer.token, later.id, { opensAt });
    expect(backwards.json.error.details.issues[0]).toMatchObject({ path: 'closesAt', code: 'too_small' });
    const moved = await patch(w.officer.token, later.id, {
      opensAt,
      closesAt: new Date(Date.now() + 4 * hour).toISOString(),
    });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.json.opensAt)).toBe(Date.parse(opensAt));

    const actions = await queryRows<{ action: string }>(
      t.ctx.db,
      sql`select action from audit_log where object_id = ${q.id} and action <> 'questionnaire.respond' order by seq`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'questionnaire.create',
      'questionnaire.close',
      'questionnaire.update',
    ]);
  });
});

describe('results', () => {
  it('per question and per child union: response rate = responses ÷ members of that subtree', async () => {
    const w = await activitiesWorld(t);
    const q = await questionnaire(w);
    const g1 = await activityMember(t, w, w.grassroots.id, '张建明');
    const g2 = await activityMember(t, w, w.grassroots.id, '李秀英');
    await activityMember(t, w, w.grassroots.id); // does not answer
    const d1 = await activityMember(t, w, w.depot.id);
    await activityMember(t, w, w.org.id); // filed to the federation itself; does not answer
    expect((await respond(g1.token, q.id, answers(q, 0, [0, 1], 5, '希望增加夜班餐'))).status).toBe(201);
    expect((await respond(g2.token, q.id, answers(q, 0, [1], 4))).status).toBe(201);
    expect((await respond(d1.token, q.id, answers(q, 1, [1, 2], 3, '球场晚上开放'))).status).toBe(201);

    const res = await t.call('GET', `/api/v1/questionnaires/${q.id}/results`, { token: w.leader.token });
    expect(res.status).toBe(200);
    const r = res.json;
    expect(r).toMatchObject({ members: 5, responses: 3, responseRate: 0.6 });
    const line = (id: string, members: number, responses: number, responseRate: number) => ({
      org: { id, name: expect.any(String) },
      members,
      responses,
      responseRate,
      suppressed: false, // not anonymous: small unions shown as they are
    });
    expect(r.children).toEqual(
      expect.arrayContaining([line(w.grassroots.id, 3, 2, 2 / 3), line(w.depot.id, 1, 1, 1), line(w.org.id, 1, 0, 0)]),
    );
    expect(r.children).toHaveLength(3);
    expect(r.children[2].org.id).toBe(w.org.id); // the union's own members come last

    const [single, multiple, rating, text] = r.questions;
    expect(single.answered).toBe(3);
    expect(single.options.map((o: { count: number; percentage: number }) => [o.count, o.percentage])).toEqual([
      [2, 2 / 3],
      [1, 1 / 3],
      [0, 0],
    ]);
    // Multiple choice: each option's share of those who answered, so the shares may sum above 1.
    expect(multiple.options.map((o: { count: number; percentage: number }) => [o.count, o.percentage])).toEqual([
      [1, 1 / 3],
      [3, 1],
      [1, 1 / 3],
    ]);
    expect(rating.rating).toEqual({ average: 4, counts: [0, 0, 1, 1, 1] });
    expect(text.answered).toBe(2);
    expect(text.texts.map((x: { text: string; name: string }) => [x.text, x.name]).sort()).toEqual([
      ['希望增加夜班餐', '张建明'],
      ['球场晚上开放', expect.any(String)],
    ]);

    // Drilled down to the factory's union: its own three members, two answered.
    const down = await t.call('GET', `/api/v1/questionnaires/${q.id}/results?orgId=${w.grassroots.id}`, {
      token: w.officer.token,
    });
    expect(down.json).toMatchObject({ members: 3, responses: 2 });
    expect(down.json.children).toEqual([line(w.grassroots.id, 3, 2, 2 / 3)]);
    expect(down.json.questions[0].options[0].count).toBe(2);

    const xlsx = await t.call('GET', `/api/v1/questionnaires/${q.id}/results/export.xlsx`, { token: w.leader.token });
    expect(xlsx.status).toBe(200);
    const sheet = await readWorkbook(xlsx.raw.rawPayload);
    expect(sheet.getRow(2).values).toEqual([undefined, expect.stringContaining('（合计）'), 5, 3, '60.0%']);
    const cells = sheet.getColumn(1).values.map(String);
    expect(cells).toContain('  希望增加夜班餐');
    expect(cells).toContain('第1题 您对食堂的总体评价');
  });

  it('anonymous: text answers carry neither union, name nor time, sorted by text; the log keeps no response id', async () => {
    const w = await activitiesWorld(t);
    const q = await questionnaire(w, { anonymous: true });
    const m = await activityMember(t, w, w.grassroots.id, '张建明');
    const n = await activityMember(t, w, w.depot.id, '李秀英');
    expect((await respond(m.token, q.id, answers(q, 2, [2], 1, '领导作风需要改进'))).status).toBe(201);
    expect((await respond(n.token, q.id, answers(q, 0, [0], 5, '食堂饭菜不错'))).status).toBe(201);
    const res = await t.call('GET', `/api/v1/questionnaires/${q.id}/results`, { token: w.officer.token });
    const sorted = ['领导作风需要改进', '食堂饭菜不错'].sort();
    expect(res.json.questions[3].texts).toEqual(sorted.map((text) => ({ text, org: null, name: null, at: null })));
    const audits = await queryRows<{ details: Record<string, unknown> }>(
      t.ctx.db,
      sql`select details from audit_log where action = 'questionnaire.respond' and object_id = ${q.id}`,
    );
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => Object.keys(a.details ?? {}).length === 0)).toBe(true);
  });

  it('anonymous: unions of fewer than 5 respondents are withheld, with a partner when the total would reveal them; withheld unions cannot be drilled into', async () => {
    const w = await activitiesWorld(t);
    const q = await questionnaire(w, { anonymous: true });
    const q2 = await questionnaire(w, { anonymous: true });
    const factory = [];
    for (let i = 0; i < 5; i++) factory.push(await activityMember(t, w, w.grassroots.id));
    const lone = await activityMember(t, w, w.depot.id, '李秀英');
    for (const [i, m] of factory.entries()) {
      expect((await respond(m.token, q.id, answers(q, 0, [0], 4, `意见${i}`))).status).toBe(201);
      expect((await respond(m.token, q2.id, answers(q2, 0, [0], 4, `建议${i}`))).status).toBe(201);
    }
    expect((await respond(lone.token, q.id, answers(q, 2, [2], 1, '车队排班不合理'))).status).toBe(201);

    // q: the factory 5, the depot 1. The depot's 1 is withheld; the factory's 5 with it, else 6 − 5 would give it away.
    const res = await t.call('GET', `/api/v1/questionnaires/${q.id}/results`, { token: w.leader.token });
    expect(res.json).toMatchObject({ suppressed: false, responses: 6 });
    const cells = (r: { children: { org: { id: string }; responses: number | null; suppressed: boolean }[] }) =>
      Object.fromEntries(r.children.map((c) => [c.org.id, [c.responses, c.suppressed]]));
    expect(cells(res.json)).toMatchObject({ [w.grassroots.id]: [null, true], [w.depot.id]: [null, true] });
    expect(res.json.children.find((c: { org: { id: string } }) => c.org.id === w.depot.id).responseRate).toBeNull();
    for (const orgId of [w.depot.id, w.grassroots.id]) {
      const down = await t.call('GET', `/api/v1/questionnaires/${q.id}/results?orgId=${orgId}`, {
        token: w.officer.token,
      });
      expect(down.status).toBe(200);
      expect(down.json).toMatchObject({ suppressed: true, responses: null, responseRate: null });
      expect(down.json.children.every((c: { responses: number | null }) => c.responses === null)).toBe(true);
      const [single, , rating, text] = down.json.questions;
      expect(single.answered).toBeNull();
      expect(single.options.every((o: { count: number | null }) => o.count === null)).toBe(true);
      expect(rating.rating).toBeNull();
      expect(text.texts).toEqual([]);
    }
    const xlsx = await t.call('GET', `/api/v1/questionnaires/${q.id}/results/export.xlsx?orgId=${w.depot.id}`, {
      token: w.leader.token,
    });
    const sheet = await readWorkbook(xlsx.raw.rawPayload);
    expect(sheet.getRow(2).values).toEqual([undefined, expect.stringContaining('（合计）'), 1, '<5']);
    const column = sheet.getColumn(1).values.map(String);
    expect(column).not.toContain('  车队排班不合理');
    expect(column.some((v) => v.startsWith('第1题'))).toBe(false);
    const whole = await readWorkbook(
      (await t.call('GET', `/api/v1/questionnaires/${q.id}/results/export.xlsx`, { token: w.leader.token })).raw
        .rawPayload,
    );
    const unionRows = [3, 4].map((n) => whole.getRow(n).values as unknown[]);
    expect(unionRows.map((v) => v[3])).toEqual(['<5', '<5']);
    // Text answers name no union in the workbook either.
    const unionNames = res.json.children.map((c: { org: { name: string } }) => c.org.name);
    const second = whole.getColumn(2).values.map(String);
    expect(second.filter((v) => unionNames.some((name: string) => v.includes(name)))).toEqual([]);

    // q2: the factory's 5 alone: shown (the depot's 0 gives nobody away), and its results may be drilled into.
    const res2 = await t.call('GET', `/api/v1/questionnaires/${q2.id}/results`, { token: w.leader.token });
    expect(cells(res2.json)).toMatchObject({ [w.grassroots.id]: [5, false], [w.depot.id]: [0, false] });
    const down2 = await t.call('GET', `/api/v1/questionnaires/${q2.id}/results?orgId=${w.grassroots.id}`, {
      token: w.leader.token,
    });
    expect(down2.json).toMatchObject({ suppressed: false, responses: 5 });
    expect(down2.json.questions[0].options[0].count).toBe(5);
    expect(down2.json.questions[3].texts.map((x: { text: string }) => x.text)).toEqual(
      ['建议0', '建议1', '建议2', '建议3', '建议4'].sort(),
    );
  }, 180_000);
});

describe('withheldCells (anonymous breakdowns)', () => {
  const cells = (o: Record<string, number>) => [...withheldCells(new Map(Object.entries(o)))].sort();
  it('withholds 1 to 4, never 0 or 5 and more', () => {
    expect(cells({ a: 0, b: 5, c: 12 })).toEqual([]);
    expect(cells({ a: 4, b: 3, c: 9 })).toEqual(['a', 'b']);
  });
  it('adds the smallest shown cell while the withheld add up to fewer than 5 (no subtraction gives them away)', () => {
    expect(cells({ a: 1, b: 7, c: 6, d: 0 })).toEqual(['a', 'c']);
    expect(cells({ a: 1, b: 2, c: 9, d: 30 })).toEqual(['a', 'b', 'c']);
    expect(cells({ a: 2 })).toEqual(['a']);
  });
});
