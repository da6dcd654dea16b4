import { z } from 'zod';
import { pageQuery } from '../../kernel/pagination.js';

/**
 * The scoring model of a congress term (代表履职评价体系): two first-level groups — 大会期间 (during the congress) and
 * 闭会期间 (between congresses) — of second-level indicators, each worth points per record up to an optional cap per
 * term; and bonus (加分) and penalty (减分) items staff record for a representative.
 */
export const indicatorGroupKeys = ['during_congress', 'between_congresses'] as const;
export type IndicatorGroupKey = (typeof indicatorGroupKeys)[number];

/**
 * Where an indicator's records come from: `duty_records` — the representative's confirmed duty records (履职记录)
 * of the indicator; `proposals` — their proposals accepted by the proposals committee; `motion_votes` — the ballots
 * they cast in the congress's motions (attendance of votes). The last two are counted automatically
 * (scoring.sources.ts).
 */
export const indicatorSources = ['duty_records', 'proposals', 'motion_votes'] as const;
export type IndicatorSource = (typeof indicatorSources)[number];

/** Bonus and penalty items (加分 / 减分) are recorded by staff, like a duty record of the item's code. */
export const adjustmentKinds = ['bonus', 'penalty'] as const;
export type AdjustmentKind = (typeof adjustmentKinds)[number];

const code = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/)
  .describe('stable code: lower-case letters, digits, _ (duty records name it; keep it when renaming)');
const name = z.string().trim().min(1).max(50);
/** Points with at most one decimal (0.5 分 is common); computed in tenths. */
const points = z
  .number()
  .min(0.1)
  .max(100)
  .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, { message: 'one_decimal' });
const maxPoints = z
  .number()
  .min(0.1)
  .max(1000)
  .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, { message: 'one_decimal' })
  .nullable()
  .optional()
  .describe('cap on the points per term (null or absent: no cap)');

export const indicatorInput = z
  .object({
    code,
    name,
    pointsPerRecord: points,
    maxPoints,
    source: z.enum(indicatorSources).default('duty_records'),
  })
  .strict();

export const adjustmentInput = z.object({ code, name, points, maxPoints }).strict();

export const groupInput = z
  .object({
    key: z.enum(indicatorGroupKeys),
    name: name.describe('大会期间 / 闭会期间, or the union’s own words'),
    indicators: z.array(indicatorInput).max(30),
  })
  .strict();

export const scoringModelBody = z
  .object({
    groups: z.array(groupInput).min(1).max(2),
    bonusItems: z.array(adjustmentInput).max(20).default([]),
    penaltyItems: z.array(adjustmentInput).max(20).default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seenGroups = new Set<string>();
    v.groups.forEach((g, i) => {
      if (seenGroups.has(g.key))
        ctx.addIssue({ code: 'custom', path: ['groups', i, 'key'], message: 'duplicate_group' });
      seenGroups.add(g.key);
    });
    if (v.groups.every((g) => g.indicators.length === 0))
      ctx.addIssue({ code: 'custom', path: ['groups'], message: 'no_indicators' });
    const seen = new Set<string>();
    const check = (c: string, path: (string | number)[]) => {
      if (seen.has(c)) ctx.addIssue({ code: 'custom', path, message: 'duplicate_code' });
      seen.add(c);
    };
    v.groups.forEach((g, i) =>
      g.indicators.forEach((ind, j) => check(ind.code, ['groups', i, 'indicators', j, 'code'])),
    );
    v.bonusItems.forEach((b, i) => check(b.code, ['bonusItems', i, 'code']));
    v.penaltyItems.forEach((p, i) => check(p.code, ['penaltyItems', i, 'code']));
    const capBelowPoints = (p: number, cap: number | null | undefined, path: (string | number)[]) => {
      if (cap !== null && cap !== undefined && cap < p)
        ctx.addIssue({ code: 'custom', path, message: 'cap_below_points' });
    };
    v.groups.forEach((g, i) =>
      g.indicators.forEach((ind, j) =>
        capBelowPoints(ind.pointsPerRecord, ind.maxPoints, ['groups', i, 'indicators', j, 'maxPoints']),
      ),
    );
    v.bonusItems.forEach((b, i) => capBelowPoints(b.points, b.maxPoints, ['bonusItems', i, 'maxPoints']));
    v.penaltyItems.forEach((p, i) => capBelowPoints(p.points, p.maxPoints, ['penaltyItems', i, 'maxPoints']));
  });
export type ScoringModelInput = z.infer<typeof scoringModelBody>;

/** The model as stored and answered (groups in the order 大会期间, 闭会期间). */
export interface ScoringModel {
  groups: {
    key: IndicatorGroupKey;
    name: string;
    indicators: {
      code: string;
      name: string;
      pointsPerRecord: number;
      maxPoints: number | null;
      source: IndicatorSource;
    }[];
  }[];
  bonusItems: { code: string; name: string; points: number; maxPoints: number | null }[];
  penaltyItems: { code: string; name: string; points: number; maxPoints: number | null }[];
}

export const scoringModelView = z.object({
  congressId: z.uuid(),
  isDefault: z.boolean().describe('true: staff have not set a model; this is the default (Pinghu-like) one'),
  updatedAt: z.string().nullable(),
  groups: z.array(
    z.object({
      key: z.enum(indicatorGroupKeys),
      name: z.string(),
      indicators: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          pointsPerRecord: z.number(),
          maxPoints: z.number().nullable(),
          source: z.enum(indicatorSources),
          automatic: z.boolean().describe('counted automatically (proposals, motion votes): no duty records'),
        }),
      ),
    }),
  ),
  bonusItems: z.array(
    z.object({ code: z.string(), name: z.string(), points: z.number(), maxPoints: z.number().nullable() }),
  ),
  penaltyItems: z.array(
    z.object({ code: z.string(), name: z.string(), points: z.number(), maxPoints: z.number().nullable() }),
  ),
});

export const scoresQuery = pageQuery
  .extend({ delegation: z.string().trim().min(1).max(100).optional().describe('代表团 / 选区') })
  .strict();
export const exportScoresQuery = scoresQuery.pick({ delegation: true }).strict();

const scoreFigures = {
  indicators: z.array(z.object({ code: z.string(), count: z.number().int(), points: z.number() })),
  groups: z.array(z.object({ key: z.enum(indicatorGroupKeys), points: z.number() })),
  adjustments: z.array(
    z.object({ code: z.string(), kind: z.enum(adjustmentKinds), count: z.number().int(), points: z.number() }),
  ),
  bonus: z.number(),
  penalty: z.number(),
  total: z.number(),
};

export const scoreItem = z.object({
  rank: z.number().int().describe('1 first; equal totals share a rank (1, 1, 3)'),
  representativeId: z.uuid(),
  member: z.object({ id: z.uuid(), name: z.string() }),
  org: z.object({ id: z.uuid(), name: z.string() }).describe("the representative's union"),
  delegation: z.string().nullable(),
  ...scoreFigures,
});
export type ScoreItem = z.infer<typeof scoreItem>;

export const scorePage = z.object({
  congressId: z.uuid(),
  frozen: z.boolean().describe('true: the term is archived and these are its frozen scores'),
  frozenAt: z.string().nullable(),
  representatives: z.number().int().describe('how many are ranked (all, not only this page)'),
  delegations: z.array(z.string()).describe("the term's delegations, whatever the filter (the filter's choices)"),
  items: z.array(scoreItem),
  nextCursor: z.string().nullable(),
});

export const myScoresQuery = z.object({ congressId: z.uuid() }).strict();
export const myScoreView = z.object({
  congressId: z.uuid(),
  frozen: z.boolean(),
  representatives: z.number().int(),
  score: scoreItem,
});

export const congressIdParams = z.object({ id: z.uuid() }).strict();
