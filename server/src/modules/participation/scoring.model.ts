import type {
  AdjustmentKind,
  IndicatorGroupKey,
  IndicatorSource,
  ScoringModel,
  ScoringModelInput,
} from './scoring.schemas.js';
import { indicatorGroupKeys } from './scoring.schemas.js';

/**
 * The model a congress scores by until its staff set their own: Pinghu's 云履职 evaluation (seed 004) — two
 * first-level indicators (大会期间 / 闭会期间) split into eight second-level ones, with bonus and penalty items.
 */
export const defaultScoringModel: ScoringModel = {
  groups: [
    {
      key: 'during_congress',
      name: '大会期间',
      indicators: [
        { code: 'proposals', name: '提交提案', pointsPerRecord: 5, maxPoints: 20, source: 'proposals' },
        { code: 'motion_votes', name: '参加大会表决', pointsPerRecord: 2, maxPoints: 10, source: 'motion_votes' },
        {
          code: 'congress_attendance',
          name: '出席大会及会议',
          pointsPerRecord: 3,
          maxPoints: 12,
          source: 'duty_records',
        },
        { code: 'review_speech', name: '审议发言', pointsPerRecord: 2, maxPoints: 10, source: 'duty_records' },
      ],
    },
    {
      key: 'between_congresses',
      name: '闭会期间',
      indicators: [
        { code: 'research', name: '调研视察', pointsPerRecord: 3, maxPoints: 15, source: 'duty_records' },
        {
          code: 'constituent_contact',
          name: '联系服务职工',
          pointsPerRecord: 2,
          maxPoints: 20,
          source: 'duty_records',
        },
        { code: 'feedback', name: '向职工反馈', pointsPerRecord: 2, maxPoints: 10, source: 'duty_records' },
        { code: 'training', name: '学习培训', pointsPerRecord: 1, maxPoints: 5, source: 'duty_records' },
      ],
    },
  ],
  bonusItems: [
    { code: 'excellent_proposal', name: '优秀提案', points: 5, maxPoints: null },
    { code: 'advanced_representative', name: '先进代表', points: 10, maxPoints: null },
  ],
  penaltyItems: [{ code: 'unexcused_absence', name: '无故缺席', points: 5, maxPoints: null }],
};

/** A validated model as stored: groups in their fixed order, caps null when absent. */
export function normaliseModel(input: ScoringModelInput): ScoringModel {
  const groups = indicatorGroupKeys
    .map((key) => input.groups.find((g) => g.key === key))
    .filter((g) => g !== undefined)
    .map((g) => ({
      key: g.key,
      name: g.name,
      indicators: g.indicators.map((i) => ({
        code: i.code,
        name: i.name,
        pointsPerRecord: i.pointsPerRecord,
        maxPoints: i.maxPoints ?? null,
        source: i.source,
      })),
    }));
  const item = (a: { code: string; name: string; points: number; maxPoints?: number | null | undefined }) => ({
    code: a.code,
    name: a.name,
    points: a.points,
    maxPoints: a.maxPoints ?? null,
  });
  return { groups, bonusItems: input.bonusItems.map(item), penaltyItems: input.penaltyItems.map(item) };
}

/** What a code names in a model: a second-level indicator, a bonus or penalty item, or nothing (removed). */
export type CodeMeaning =
  | { kind: 'indicator'; group: IndicatorGroupKey; name: string; source: IndicatorSource }
  | { kind: AdjustmentKind; name: string }
  | null;

export function meaningOf(model: ScoringModel, code: string): CodeMeaning {
  for (const g of model.groups) {
    const i = g.indicators.find((x) => x.code === code);
    if (i) return { kind: 'indicator', group: g.key, name: i.name, source: i.source };
  }
  const bonus = model.bonusItems.find((x) => x.code === code);
  if (bonus) return { kind: 'bonus', name: bonus.name };
  const penalty = model.penaltyItems.find((x) => x.code === code);
  if (penalty) return { kind: 'penalty', name: penalty.name };
  return null;
}

/** Points in tenths (0.5 → 5): sums and caps exact, whatever the decimals. */
export const tenths = (points: number) => Math.round(points * 10);
export const fromTenths = (t: number) => t / 10;
