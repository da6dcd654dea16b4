import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, freshWorld, type World } from '../../../test/factories.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { congressWithRepresentatives, signedInMember, type Representative } from '../../../test/participation.js';
import { readWorkbook } from '../../../test/uploads.js';
import type { z } from 'zod';
import { cellText } from '../../kernel/xlsx.js';
import type { scoringModelBody } from './scoring.schemas.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A small model whose sums are easy to follow: a capped indicator, an automatic one, half points. */
const model: z.input<typeof scoringModelBody> = {
  groups: [
    {
      key: 'during_congress',
      name: '大会期间',
      indicators: [
        { code: 'attend', name: '出席大会', pointsPerRecord: 2.5, maxPoints: 5, source: 'duty_records' },
        { code: 'proposals', name: '提交提案', pointsPerRecord: 5, source: 'proposals' },
      ],
    },
    {
      key: 'between_congresses',
      name: '闭会期间',
      indicators: [{ code: 'research', name: '调研视察', pointsPerRecord: 3 }],
    },
  ],
  bonusItems: [{ code: 'excellent', name: '优秀提案', points: 4 }],
  penaltyItems: [{ code: 'absent', name: '无故缺席', points: 1.5 }],
};

/** A congress with three representatives in two delegations: 张三 and 王五 in 一车间, 李四 in 二车间. */
async function congressWithDelegations(w: World) {
  const created = await t.call('POST', '/api/v1/congresses', {
    token: w.admin.token,
    body: { orgId: w.org.id, name: '第八届会员代表大会', termStartsOn: '2026-01-01', termEndsOn: '2030-12-31' },
  });
  const reps: Record<string, Representative> = {};
  for (const [name, delegation] of [
    ['张三', '一车间'],
    ['李四', '二车间'],
    ['王五', '一车间'],
  ] as const) {
    const member = await signedInMember(t, w, name);
    const added = await t.call('POST', `/api/v1/congresses/${created.json.id}/representatives`, {
      token: w.admin.token,
      body: { memberId: member.memberId, delegation },
    });
    expect(added.status).toBe(201);
    reps[name] = { id: added.json.id, ...member };
  }
  return { id: created.json.id as string, reps };
}

async function record(w: World, congressId: string, representativeId: string, indicatorCode: string, times = 1) {
  for (let i = 0; i < times; i++) {
    const res = await t.call('POST', `/api/v1/congresses/${congressId}/duties`, {
      token: w.admin.token,
      body: { representativeId, indicatorCode, occurredOn: '2026-05-01', note: '履职' },
    });
    expect(res.status).toBe(201);
  }
}

type Score = { rank: number; member: { name: string }; total: number };
const board = (items: Score[]) => items.map((s) => `${s.rank} ${s.member.name} ${s.total}`);

describe('the scoring model (代表履职评价指标)', () => {
  it('answers the default Pinghu-like model until staff set one, to staff and representatives', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 1);
    const res = await t.call('GET', `/api/v1/congresses/${congress.id}/indicators`, { token: w.admin.token });
    expect(res.status).toBe(200);
    expect(res.json.isDefault).toBe(true);
    expect(res.json.groups.map((g: { key: string; name: string }) => `${g.key}:${g.name}`)).toEqual([
      'during_congress:大会期间',
      'between_congresses:闭会期间',
    ]);
    const indicators = res.json.groups.flatMap((g: { indicators: { code: string }[] }) => g.indicators);
    expect(indicators).toHaveLength(8);
    expect(indicators.filter((i: { automatic: boolean }) => i.automatic).map((i: { code: string }) => i.code)).toEqual([
      'proposals',
      'motion_votes',
    ]);
    expect(res.json.bonusItems.map((b: { name: string }) => b.name)).toContain('优秀提案');
    expect(res.json.penaltyItems.map((b: { name: string }) => b.name)).toEqual(['无故缺席']);

    const rep = congress.representatives[0]!;
    const asRep = await t.call('GET', `/api/v1/congresses/${congress.id}/indicators`, { token: rep.token });
    expect(asRep.json.groups).toEqual(res.json.groups);
    const plain = await signedInMember(t, w, '普通会员');
    expect((await t.call('GET', `/api/v1/congresses/${congress.id}/indicators`, { token: plain.token })).status).toBe(
      403,
    );
  });

  it('is set by staff with clear errors: unique codes, points, caps, at least one indicator', async () => {
    const w = await freshWorld(t);
    const congress = await congressWithRepresentatives(t, w, 1);
    const url = `/api/v1/congresses/${congress.id}/indicators`;
    const put = (body: unknown, token = w.admin.token) => t.call('PUT', url, { token, body });

    const set = await put(model);
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ isDefault: false });
    expect(set.json.groups[1].indicators[0]).toEqual({
      code: 'research',
      name: '调研视察',
      pointsPerRecord: 3,
      maxPoints: null,
      source: 'duty_records',
      automatic: false,
    });
    expect((await t.call('GET', url, { token: w.admin.token })).json).toEqual(set.json);

    const issue = async (body: unknown) => {
      const res = await put(body);
      expect(res.status).toBe(400);
      return res.json.error.details.issues[0] as { path: string; code: string; message: string };
    };
    const duplicated = structuredClone(model);
    duplicated.bonusItems![0]!.code = 'research';
    expect(await issue(duplicated)).toMatchObject({ path: 'bonusItems.0.code', code: 'duplicate_code' });
    expect(
      await issue({
        groups: [
          { key: 'during_congress', name: '大会期间', indicators: [] },
          { key: 'between_congresses', name: '闭会期间', indicators: [] },
        ],
      }),
    ).toMatchObject({ code: 'no_indicators' });
    const twice = structuredClone(model);
    twice.groups[1]!.key = 'during_congress';
    expect(await issue(twice)).toMatchObject({ code: 'duplicate_group' });
    const quarter = structuredClone(model);
    quarter.groups[0]!.indicators[0]!.pointsPerRecord = 0.25;
    expect(await issue(quarter)).toMatchObject({ code: 'one_decimal' });
    const capLow = structuredClone(model);
    capLow.groups[0]!.indicators[0]!.maxPoints = 2;
    expect(await issue(capLow)).toMatchObject({ path: 'groups.0.indicators.0.maxPoints', code: 'cap_below_points' });
    const zero = structuredClone(model);
    zero.penaltyItems![0]!.points = 0;
    expect((await issue(zero)).path).toBe('penaltyItems.0.points');
    const badCode = structuredClone(model);
    badCode.groups[0]!.indicators[0]!.code = '出席';
    expect((await issue(badCode)).path).toBe('groups.0.indicators.0.code');
    expect((await put({ ...model, groups: [{ ...model.groups[0], source: 'x' }] })).status).toBe(400);

    // Only staff of the subtree with the role.
    const rep = congress.representatives[0]!;
    expect((await put(model, rep.token)).status).toBe(403);
    const perks = await createStaffUser(t, w.admin.token, w.org.id, ['perks_manager']);
    expect((await put(model, perks.token)).status).toBe(403);
    const other = await freshWorld(t);
    expect((await put(model, other.admin.token)).status).toBe(404);
    expect((await t.call('GET', url, { token: other.admin.token })).status).toBe(404);
  });
});

describe('the leaderboard', () => {
  it('scores records × points up to the cap, bonus and penalty, ranks ties together, filters and pages', async () => {
    const w = await freshWorld(t);
    const c = await congressWithDelegations(w);
    expect(
      (await t.call('PUT', `/api/v1/congresses/${c.id}/indicators`, { token: w.admin.token, body: model })).status,
    ).toBe(200);
    const { 张三: zhang, 李四: li, 王五: wang } = c.reps;
    // 张三: 3 × 2.5 capped at 5, + 3, − 1.5 = 6.5. 李四: 2.5 + 4 = 6.5. 王五: 3 × 3 = 9.
    await record(w, c.id, zhang!.id, 'attend', 3);
    await record(w, c.id, zhang!.id, 'research');
    await record(w, c.id, zhang!.id, 'absent');
    await record(w, c.id, li!.id, 'attend');
    await record(w, c.id, li!.id, 'excellent');
    await record(w, c.id, wang!.id, 'research', 3);
    // Waiting and rejected records count nothing.
    const url = `/api/v1/congresses/${c.id}/duties`;
    const waiting = await t.call('POST', url, {
      token: wang!.token,
      body: { representativeId: wang!.id, indicatorCode: 'research', occurredOn: '2026-06-01', note: '调研' },
    });
    const refused = await t.call('POST', url, {
      token: li!.token,
      body: { representativeId: li!.id, indicatorCode: 'research', occurredOn: '2026-06-01', note: '调研' },
    });
    await t.call('POST', `/api/v1/duties/${refused.json.id}/actions`, {
      token: w.admin.token,
      body: { action: 'reject', reason: '无佐证' },
    });

    const scores = await t.call('GET', `/api/v1/congresses/${c.id}/scores`, { token: w.admin.token });
    expect(scores.status).toBe(200);
    expect(scores.json).toMatchObject({ frozen: false, frozenAt: null, representatives: 3, nextCursor: null });
    expect(scores.json.delegations).toEqual(['二车间', '一车间'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    // Equal totals share rank 2, listed by name (李 before 张 in pinyin).
    expect(board(scores.json.items)).toEqual(['1 王五 9', '2 李四 6.5', '2 张三 6.5']);
    const zhangScore = scores.json.items[2];
    expect(zhangScore).toMatchObject({
      representativeId: zhang!.id,
      delegation: '一车间',
      indicators: [
        { code: 'attend', count: 3, points: 5 },
        { code: 'proposals', count: 0, points: 0 },
        { code: 'research', count: 1, points: 3 },
      ],
      groups: [
        { key: 'during_congress', points: 5 },
        { key: 'between_congresses', points: 3 },
      ],
      adjustments: [
        { code: 'excellent', kind: 'bonus', count: 0, points: 0 },
        { code: 'absent', kind: 'penalty', count: 1, points: 1.5 },
      ],
      bonus: 0,
      penalty: 1.5,
      total: 6.5,
    });
    // 王五's waiting record is not among his three.
    expect(waiting.json.status).toBe('submitted');
    expect(scores.json.items[0].indicators[2]).toEqual({ code: 'research', count: 3, points: 9 });
    expect(scores.json.items[1]).toMatchObject({ bonus: 4, penalty: 0, groups: [{ points: 2.5 }, { points: 0 }] });

    // A delegation keeps the term's ranks.
    const workshop = await t.call(
      'GET',
      `/api/v1/congresses/${c.id}/scores?delegation=${encodeURIComponent('一车间')}`,
      {
        token: w.admin.token,
      },
    );
    expect(board(workshop.json.items)).toEqual(['1 王五 9', '2 张三 6.5']);
    expect(workshop.json.representatives).toBe(2);
    expect(workshop.json.delegations).toEqual(scores.json.delegations);
    expect((await t.call('GET', `/api/v1/congresses/${c.id}/scores?limit=101`, { token: w.admin.token })).status).toBe(
      400,
    );
    // Pages.
    const first = await t.call('GET', `/api/v1/congresses/${c.id}/scores?limit=2`, { token: w.admin.token });
    expect(board(first.json.items)).toEqual(['1 王五 9', '2 李四 6.5']);
    const rest = await t.call('GET', `/api/v1/congresses/${c.id}/scores?limit=2&cursor=${first.json.nextCursor}`, {
      token: w.admin.token,
    });
    expect(board(rest.json.items)).toEqual(['2 张三 6.5']);
    expect(rest.json.nextCursor).toBeNull();
    expect(
      (await t.call('GET', `/api/v1/congresses/${c.id}/scores?cursor=nonsense`, { token: w.admin.token })).status,
    ).toBe(400);

    // A representative sees their own score and rank; a member who is none gets 403.
    const mine = await t.call('GET', `/api/v1/me/scores?congressId=${c.id}`, { token: zhang!.token });
    expect(mine.json).toMatchObject({ frozen: false, representatives: 3, score: { rank: 2, total: 6.5 } });
    const plain = await signedInMember(t, w, '普通会员');
    expect((await t.call('GET', `/api/v1/me/scores?congressId=${c.id}`, { token: plain.token })).status).toBe(403);
    // A member of another federation does not learn the congress exists: 404, for scores and duty records alike.
    const elsewhere = await signedInMember(t, await freshWorld(t), '外单位会员');
    for (const path of [`/api/v1/me/scores?congressId=${c.id}`, `/api/v1/me/duties?congressId=${c.id}`])
      expect((await t.call('GET', path, { token: elsewhere.token })).status, path).toBe(404);

    // Removing an indicator keeps its records, which stop counting: 张三 loses the 5 of attendance.
    const withoutAttend = structuredClone(model);
    withoutAttend.groups[0]!.indicators.shift();
    await t.call('PUT', `/api/v1/congresses/${c.id}/indicators`, { token: w.admin.token, body: withoutAttend });
    const after = await t.call('GET', `/api/v1/congresses/${c.id}/scores`, { token: w.admin.token });
    expect(board(after.json.items)).toEqual(['1 王五 9', '2 李四 4', '3 张三 1.5']);
    const kept = await t.call('GET', `/api/v1/congresses/${c.id}/duties?indicatorCode=attend`, {
      token: w.admin.token,
    });
    expect(kept.json.items).toHaveLength(4);
    expect(kept.json.items[0]).toMatchObject({
      status: 'confirmed',
      counts: false,
      indicator: { name: null, kind: null },
    });
    // Back again, they count again.
    await t.call('PUT', `/api/v1/congresses/${c.id}/indicators`, { token: w.admin.token, body: model });

    // The export has the same rows, with zh-CN headings.
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/v1/congresses/${c.id}/scores/export.xlsx`,
      headers: { authorization: `Bearer ${w.admin.token}` },
    });
    expect(file.statusCode).toBe(200);
    const sheet = await readWorkbook(file.rawPayload);
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => cellText(v as never))));
    expect(rows[0]).toEqual([
      '排名',
      '姓名',
      '所在工会',
      '代表团',
      '出席大会',
      '提交提案',
      '大会期间小计',
      '调研视察',
      '闭会期间小计',
      '加分',
      '减分',
      '总分',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3], r[11]])).toEqual([
      ['1', '王五', '一车间', '9'],
      ['2', '李四', '二车间', '6.5'],
      ['2', '张三', '一车间', '6.5'],
    ]);
    expect(rows[3]!.slice(4)).toEqual(['5', '0', '5', '3', '3', '0', '1.5', '6.5']);
    expect(rows[1]![2]).toBe(w.grassroots.name);

    // Staff of another subtree: 404 on the board, the export and the model.
    const other = await freshWorld(t);
    for (const path of ['scores', 'scores/export.xlsx', 'indicators'])
      expect((await t.call('GET', `/api/v1/congresses/${c.id}/${path}`, { token: other.admin.token })).status).toBe(
        404,
      );
  });

  it('counts accepted proposals and ballots cast by themselves', async () => {
    const w = await freshWorld(t);
    const c = await congressWithDelegations(w);
    const { 张三: zhang, 李四: li } = c.reps;
    const auto: z.input<typeof scoringModelBody> = {
      groups: [
        {
          key: 'during_congress',
          name: '大会期间',
          indicators: [
            { code: 'proposals', name: '提交提案', pointsPerRecord: 5, source: 'proposals' },
            { code: 'votes', name: '参加表决', pointsPerRecord: 2, source: 'motion_votes' },
          ],
        },
      ],
    };
    expect(
      (await t.call('PUT', `/api/v1/congresses/${c.id}/indicators`, { token: w.admin.token, body: auto })).status,
    ).toBe(200);
    const propose = async (rep: Representative) => {
      const res = await t.call('POST', '/api/v1/proposals', {
        token: rep.token,
        body: {
          congressId: c.id,
          title: '关于增设职工书屋的提案',
          body: '希望在厂区增设职工书屋。',
          category: 'living_welfare',
        },
      });
      expect(res.status).toBe(201);
      return res.json.id as string;
    };
    const review = (id: string, body: Record<string, unknown>) =>
      t.call('POST', `/api/v1/proposals/${id}/actions`, { token: w.admin.token, body });
    // 张三: one accepted (and assigned), one rejected, one waiting; 李四: none accepted.
    const accepted = await propose(zhang!);
    expect((await review(accepted, { action: 'review_accept' })).status).toBe(200);
    expect((await review(accepted, { action: 'assign', handlerOrgId: w.grassroots.id })).status).toBe(200);
    expect((await review(await propose(zhang!), { action: 'review_reject', reason: '不属于提案范围' })).status).toBe(
      200,
    );
    await propose(zhang!);
    await propose(li!);
    const motion = await t.call('POST', `/api/v1/congresses/${c.id}/motions`, {
      token: w.admin.token,
      body: { title: '职工安置方案', body: '提请表决' },
    });
    expect(motion.status).toBe(201);
    for (const rep of [zhang!, li!])
      expect(
        (
          await t.call('POST', `/api/v1/motions/${motion.json.id}/ballots`, {
            token: rep.token,
            body: { choice: 'for' },
          })
        ).status,
      ).toBe(201);

    const scores = await t.call('GET', `/api/v1/congresses/${c.id}/scores`, { token: w.admin.token });
    expect(board(scores.json.items)).toEqual(['1 张三 7', '2 李四 2', '3 王五 0']);
    expect(scores.json.items[0].indicators).toEqual([
      { code: 'proposals', count: 1, points: 5 },
      { code: 'votes', count: 1, points: 2 },
    ]);
  });

  it('is frozen with the term: an archived term answers its snapshot and refuses every write', async () => {
    const w = await freshWorld(t);
    const c = await congressWithDelegations(w);
    const { 张三: zhang, 李四: li } = c.reps;
    // The default model, never set: the archive freezes it.
    await record(w, c.id, zhang!.id, 'research', 2);
    await record(w, c.id, li!.id, 'advanced_representative');
    const waiting = await t.call('POST', `/api/v1/congresses/${c.id}/duties`, {
      token: li!.token,
      body: { representativeId: li!.id, indicatorCode: 'training', occurredOn: '2026-06-01', note: '培训' },
    });
    const before = await t.call('GET', `/api/v1/congresses/${c.id}/scores`, { token: w.admin.token });
    expect(board(before.json.items)).toEqual(['1 李四 10', '2 张三 6', '3 王五 0']);

    const archived = await t.call('POST', `/api/v1/congresses/${c.id}/archive`, { token: w.admin.token });
    expect(archived.status).toBe(200);
    const frozen = await t.call('GET', `/api/v1/congresses/${c.id}/scores`, { token: w.admin.token });
    expect(frozen.json).toMatchObject({ frozen: true, representatives: 3 });
    expect(frozen.json.frozenAt).toBe(archived.json.archivedAt);
    expect(frozen.json.items).toEqual(before.json.items);
    const frozenModel = await t.call('GET', `/api/v1/congresses/${c.id}/indicators`, { token: w.admin.token });
    expect(frozenModel.json.isDefault).toBe(false);

    // Writes are refused.
    const edits = [
      await t.call('PUT', `/api/v1/congresses/${c.id}/indicators`, {
        token: w.admin.token,
        body: model,
      }),
      await t.call('POST', `/api/v1/congresses/${c.id}/duties`, {
        token: w.admin.token,
        body: { representativeId: zhang!.id, indicatorCode: 'research', occurredOn: '2026-06-01', note: '调研' },
      }),
      await t.call('POST', `/api/v1/congresses/${c.id}/duties`, {
        token: zhang!.token,
        body: { representativeId: zhang!.id, indicatorCode: 'research', occurredOn: '2026-06-01', note: '调研' },
      }),
      await t.call('POST', `/api/v1/duties/${waiting.json.id}/actions`, {
        token: w.admin.token,
        body: { action: 'confirm' },
      }),
    ];
    for (const res of edits) {
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('CONGRESS_ARCHIVED');
    }
    // Even a record changed behind the API's back does not move the frozen board.
    await t.ctx.db.execute(sql`update duty_records set status = 'confirmed' where id = ${waiting.json.id}`);
    const still = await t.call('GET', `/api/v1/congresses/${c.id}/scores`, { token: w.admin.token });
    expect(still.json.items).toEqual(before.json.items);
    const mine = await t.call('GET', `/api/v1/me/scores?congressId=${c.id}`, { token: li!.token });
    expect(mine.json).toMatchObject({ frozen: true, representatives: 3, score: { rank: 1, total: 10 } });
    const paged = await t.call(
      'GET',
      `/api/v1/congresses/${c.id}/scores?limit=1&delegation=${encodeURIComponent('一车间')}`,
      {
        token: w.admin.token,
      },
    );
    expect(board(paged.json.items)).toEqual(['2 张三 6']);
    expect(paged.json.delegations).toEqual(before.json.delegations);
    const next = await t.call(
      'GET',
      `/api/v1/congresses/${c.id}/scores?limit=1&delegation=${encodeURIComponent('一车间')}&cursor=${paged.json.nextCursor}`,
      { token: w.admin.token },
    );
    expect(board(next.json.items)).toEqual(['3 王五 0']);
    expect(next.json.nextCursor).toBeNull();
  });
});
