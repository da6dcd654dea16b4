import { describe, expect, it } from 'vitest';
import { conflicts, finalScore, planAssignments, ranks, weightedTotal } from './contests.scoring.js';

const rubric = [
  { criterion: '创新性', weight: 40, maxScore: 10 },
  { criterion: '实用性', weight: 40, maxScore: 20 },
  { criterion: '经济效益', weight: 20, maxScore: 5 },
];

describe('a judge’s weighted total', () => {
  it('weighs each criterion by its share of the weights, whatever its maxScore, scaled to 100', () => {
    // 40·(8/10) + 40·(10/20) + 20·(5/5) = 32 + 20 + 20 = 72 out of 100.
    expect(
      weightedTotal(rubric, [
        { criterion: '创新性', score: 8 },
        { criterion: '实用性', score: 10 },
        { criterion: '经济效益', score: 5 },
      ]),
    ).toBeCloseTo(72, 10);
  });

  it('treats weights as relative: 2/2/1 gives the same total as 40/40/20', () => {
    const scores = [
      { criterion: '创新性', score: 7 },
      { criterion: '实用性', score: 13 },
      { criterion: '经济效益', score: 2 },
    ];
    const relative = rubric.map((c) => ({ ...c, weight: c.weight / 20 }));
    expect(weightedTotal(relative, scores)).toBeCloseTo(weightedTotal(rubric, scores), 10);
    // 40·0.7 + 40·0.65 + 20·0.4 = 28 + 26 + 8 = 62
    expect(weightedTotal(rubric, scores)).toBeCloseTo(62, 10);
  });

  it('gives 100 for full marks and 0 for none', () => {
    expect(
      weightedTotal(
        rubric,
        rubric.map((c) => ({ criterion: c.criterion, score: c.maxScore })),
      ),
    ).toBeCloseTo(100);
    expect(
      weightedTotal(
        rubric,
        rubric.map((c) => ({ criterion: c.criterion, score: 0 })),
      ),
    ).toBe(0);
  });
});

describe('an entry’s final score', () => {
  it('is the plain mean with three or four judges', () => {
    expect(finalScore([70, 80, 90])).toBeCloseTo(80);
    expect(finalScore([60, 70, 80, 98])).toBeCloseTo(77);
  });

  it('drops the single highest and single lowest total with five judges or more', () => {
    // 20 and 99 dropped: (70 + 80 + 90) / 3.
    expect(finalScore([99, 70, 20, 80, 90])).toBeCloseTo(80);
    // Six judges: 10 and 100 dropped.
    expect(finalScore([100, 10, 50, 60, 70, 80])).toBeCloseTo(65);
  });

  it('drops only one of several equal extremes', () => {
    // 90, 90, 90, 60, 60: one 90 and one 60 dropped → (90 + 90 + 60) / 3.
    expect(finalScore([90, 90, 90, 60, 60])).toBeCloseTo(80);
  });

  it('is null without totals', () => {
    expect(finalScore([])).toBeNull();
  });
});

describe('ranks', () => {
  it('shares a rank between equal scores (to two decimals) and skips the next (1, 2, 2, 4); no rank without a score', () => {
    const r = ranks([
      { id: 'a', score: 88.001 },
      { id: 'b', score: 90 },
      { id: 'c', score: 87.999 },
      { id: 'd', score: 70 },
      { id: 'e', score: null },
    ]);
    expect(Object.fromEntries(r)).toEqual({ b: 1, a: 2, c: 2, d: 4 });
  });
});

describe('the conflict rule (回避)', () => {
  const province = 'p';
  const city = 'p.c';
  const factory = 'p.c.f';
  const depot = 'p.d';
  it('conflicts for the same union', () => {
    expect(conflicts(factory, factory, province)).toBe(true);
    expect(conflicts(province, province, province)).toBe(true);
  });
  it('keeps the organiser’s own judges neutral towards the unions below it', () => {
    expect(conflicts(province, factory, province)).toBe(false);
    expect(conflicts(province, city, province)).toBe(false);
  });
  it('sets a judge from a union below the organiser apart from its whole subtree, and from the unions above it', () => {
    expect(conflicts(city, factory, province)).toBe(true);
    expect(conflicts(factory, city, province)).toBe(true);
  });
  it('lets unrelated unions judge each other', () => {
    expect(conflicts(depot, factory, province)).toBe(false);
    expect(conflicts(factory, depot, province)).toBe(false);
  });
});

describe('assigning judges', () => {
  const judges = [
    { staffId: 'f1', orgPath: 'p' },
    { staffId: 'f2', orgPath: 'p' },
    { staffId: 'f3', orgPath: 'p' },
    { staffId: 'g', orgPath: 'p.g' },
    { staffId: 'd', orgPath: 'p.d' },
  ];
  const entries = Array.from({ length: 10 }, (_, i) => ({
    id: `e${i}`,
    title: `作品${i}`,
    orgPath: i % 2 === 0 ? 'p.g' : 'p.d',
  }));

  it('gives every entry at least three judges, never one of its own union, and balances the load', () => {
    const plan = planAssignments(entries, judges, 3, 'p');
    if (!plan.ok) throw new Error('expected a plan');
    for (const e of entries) {
      const mine = plan.assignments.filter((a) => a.entryId === e.id).map((a) => a.judgeStaffId);
      expect(new Set(mine).size).toBe(3);
      expect(mine).not.toContain(e.orgPath === 'p.g' ? 'g' : 'd');
    }
    // 30 places: the grassroots and depot judges can each take only the other union's five entries, so the best
    // balance leaves 20 to the federation's three judges (7, 7, 6).
    expect([...plan.load.values()].sort()).toEqual([5, 5, 6, 7, 7]);
    expect(plan.load.get('g')).toBe(5);
    expect(plan.load.get('d')).toBe(5);
  });

  it('assigns nothing and names every entry short of eligible judges', () => {
    const fromOrganiser = { id: 'x', title: '联合会本级作品', orgPath: 'p' };
    const plan = planAssignments([...entries, fromOrganiser], judges, 3, 'p');
    expect(plan).toEqual({
      ok: false,
      short: [{ entryId: 'x', title: '联合会本级作品', eligibleJudges: 2, needed: 3 }],
    });
    expect(planAssignments(entries, judges, 5, 'p')).toMatchObject({ ok: false, short: expect.any(Array) });
    const impossible = planAssignments(entries, judges, 5, 'p');
    if (impossible.ok) throw new Error('expected a refusal');
    expect(impossible.short).toHaveLength(10);
  });
});
