import { describe, expect, it } from 'vitest';
import { rankScores, type RankedRepresentative } from './scoring.compute.js';
import { defaultScoringModel, normaliseModel } from './scoring.model.js';
import { scoringModelBody, type ScoringModel } from './scoring.schemas.js';

const rep = (id: string, name: string): RankedRepresentative => ({
  id,
  memberId: `m-${id}`,
  name,
  orgId: 'o',
  orgName: '某工会',
  delegation: null,
});
const none = { proposals: new Map<string, number>(), motion_votes: new Map<string, number>() };
const model: ScoringModel = {
  groups: [
    {
      key: 'during_congress',
      name: '大会期间',
      indicators: [{ code: 'votes', name: '表决', pointsPerRecord: 0.5, maxPoints: 1.5, source: 'motion_votes' }],
    },
    {
      key: 'between_congresses',
      name: '闭会期间',
      indicators: [{ code: 'visit', name: '走访', pointsPerRecord: 0.1, maxPoints: null, source: 'duty_records' }],
    },
  ],
  bonusItems: [{ code: 'star', name: '先进', points: 2, maxPoints: 2 }],
  penaltyItems: [{ code: 'absent', name: '缺席', points: 0.3, maxPoints: null }],
};

describe('rankScores', () => {
  it('sums in tenths (0.1 × 3 is 0.3, not 0.30000000000000004) and caps indicators and items', () => {
    const records = new Map([
      [
        'a',
        new Map([
          ['visit', 3],
          ['star', 2],
          ['absent', 1],
        ]),
      ],
    ]);
    const [a] = rankScores(model, [rep('a', '甲')], records, {
      ...none,
      motion_votes: new Map([['a', 5]]),
    });
    expect(a).toMatchObject({
      indicators: [
        { code: 'votes', count: 5, points: 1.5 },
        { code: 'visit', count: 3, points: 0.3 },
      ],
      groups: [
        { key: 'during_congress', points: 1.5 },
        { key: 'between_congresses', points: 0.3 },
      ],
      bonus: 2,
      penalty: 0.3,
      total: 3.5,
    });
  });

  it('gives equal totals one rank (1, 1, 3) and lists them by name; a negative total ranks last', () => {
    const records = new Map([
      ['x', new Map([['visit', 10]])],
      ['y', new Map([['visit', 10]])],
      ['z', new Map([['absent', 1]])],
    ]);
    const ranked = rankScores(model, [rep('z', '赵'), rep('y', '张'), rep('x', '李'), rep('w', '王')], records, none);
    expect(ranked.map((s) => `${s.rank} ${s.member.name} ${s.total}`)).toEqual([
      '1 李 1',
      '1 张 1',
      '3 王 0',
      '4 赵 -0.3',
    ]);
  });

  it('counts nothing for codes the model does not have', () => {
    const records = new Map([['a', new Map([['gone', 7]])]]);
    expect(rankScores(model, [rep('a', '甲')], records, none)[0]!.total).toBe(0);
  });
});

describe('the default model', () => {
  it('is a model staff could have saved: it passes the validation it would be put through', () => {
    const parsed = scoringModelBody.safeParse(defaultScoringModel);
    expect(parsed.success).toBe(true);
    expect(normaliseModel(parsed.data!)).toEqual(defaultScoringModel);
  });
});
