import { z } from 'zod';
import {
  honourLevels,
  modelWorkerCheckOutcomes,
  modelWorkerFunds,
  modelWorkerStatuses,
  studentAidGroups,
} from '../../../../shared/labels.js';
import { pageOf, pageQuery } from '../../kernel/pagination.js';

export { honourLevels, modelWorkerCheckOutcomes, modelWorkerFunds, modelWorkerStatuses, studentAidGroups };
export type HonourLevel = (typeof honourLevels)[number];
export type ModelWorkerStatus = (typeof modelWorkerStatuses)[number];
export type CheckOutcome = (typeof modelWorkerCheckOutcomes)[number];
export type ModelWorkerFund = (typeof modelWorkerFunds)[number];
export type StudentAidGroup = (typeof studentAidGroups)[number];

const fen = z.number().int().min(1).max(100_000_000_000).describe('integer fen (分)');

/**
 * 劳模三金: which fund a model_worker_fund programme pays, who of the register may apply, and the yearly standard per
 * honour level (生活困难补助金: set once a year; a level it names overrides the programme's standardAmountFen).
 */
export const modelWorkerFundRules = z
  .object({
    fund: z.enum(modelWorkerFunds).describe('慰问金, 生活困难补助金 or 特殊困难帮扶金: once per member, fund and year'),
    honourLevels: z
      .array(z.enum(honourLevels))
      .min(1)
      .optional()
      .describe('the honour levels that may apply (default every level)'),
    standardFenByHonourLevel: z
      .object({ national: fen.optional(), provincial: fen.optional(), municipal: fen.optional() })
      .strict()
      .optional()
      .describe("the amount for each honour level named; needs standardAmountFen for the levels it doesn't name"),
    requireYearlyCheck: z
      .boolean()
      .default(true)
      .describe("the member's register entry must have passed this year's check (年度核查) before applying"),
  })
  .strict();
export type ModelWorkerFundRules = z.infer<typeof modelWorkerFundRules>;

/** 金秋助学: the groups whose children the programme serves (any one of them qualifies). */
export const studentAidRules = z
  .object({
    groups: z
      .array(z.enum(studentAidGroups))
      .min(1)
      .describe("the member (the student's parent) must belong to one of them"),
  })
  .strict();

/** Names of the review steps, level 1 first (基层工会初审, 主席办公会, 党组会): one per review level. */
export const reviewStepNames = z
  .array(z.string().trim().min(1).max(50))
  .min(1)
  .max(5)
  .describe('a name per review level, level 1 first (e.g. 基层工会初审, 主席办公会, 党组会)');

interface KindRulesInput {
  kind: string;
  rules: {
    reviewLevels: number;
    reviewStepNames?: string[] | undefined;
    standardAmountFen?: number | undefined;
    modelWorkerFund?: ModelWorkerFundRules | undefined;
    studentAid?: unknown;
  };
}

/**
 * The rules a programme's kind needs (model_worker_fund: its fund; student_aid: its groups), and only for that kind;
 * step names one per review level. Used by createProgrammeBody.superRefine.
 */
export function kindRulesIssues(v: KindRulesInput, ctx: z.RefinementCtx): void {
  const issue = (path: string[], message: string) =>
    ctx.addIssue({ code: 'custom', path: ['rules', ...path], message });
  const { kind, rules } = v;
  if (kind === 'model_worker_fund' && !rules.modelWorkerFund) issue(['modelWorkerFund'], 'required');
  if (kind !== 'model_worker_fund' && rules.modelWorkerFund) issue(['modelWorkerFund'], 'invalid');
  if (kind === 'student_aid' && !rules.studentAid) issue(['studentAid'], 'required');
  if (kind !== 'student_aid' && rules.studentAid) issue(['studentAid'], 'invalid');
  const byLevel = rules.modelWorkerFund?.standardFenByHonourLevel;
  if (byLevel && rules.standardAmountFen === undefined) issue(['standardAmountFen'], 'required');
  if (rules.reviewStepNames && rules.reviewStepNames.length !== rules.reviewLevels)
    issue(['reviewStepNames'], 'invalid'); // one name per review level
}

/** 特殊困难帮扶金: why (工伤, 大病, 意外灾害), in the application's details. */
export const specialHardshipDetails = z
  .object({
    reason: z.enum(['injury', 'serious_illness', 'disaster']),
    description: z.string().trim().max(2000).optional(),
  })
  .passthrough();

/** 金秋助学: the student an application is for (the member is the parent). */
export const studentDetails = z
  .object({
    studentName: z.string().trim().min(1).max(50),
    school: z.string().trim().min(1).max(100),
    enrolment: z.enum(['enrolled', 'admitted']).describe('enrolled (在读) or admitted (已录取)'),
    grade: z.string().trim().min(1).max(50).describe('e.g. 大一, 高三, 2026级'),
  })
  .passthrough();

// ————— the register —————

const year = z.number().int().min(1950).max(2100);
const isoDate = z.iso.date();

export const createModelWorkerBody = z
  .object({
    memberId: z.uuid(),
    honourLevel: z.enum(honourLevels),
    title: z.string().trim().min(1).max(100).describe('全国劳动模范, 全国五一劳动奖章, 省劳动模范…'),
    awardedYear: year,
    unit: z.string().trim().max(100).optional().describe("工作单位 (default the member's employer)"),
  })
  .strict();

/** A register status and, for deceased or disqualified, its date (and for disqualified, the reason). */
const statusChange = {
  status: z.enum(modelWorkerStatuses).optional(),
  statusDate: isoDate.optional().describe('required for deceased and disqualified'),
  statusReason: z.string().trim().min(1).max(500).optional().describe('required for disqualified'),
};

function statusIssues(
  v: { status?: ModelWorkerStatus | undefined; statusDate?: string | undefined; statusReason?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.status && v.status !== 'active' && !v.statusDate)
    ctx.addIssue({ code: 'custom', path: ['statusDate'], message: 'required' });
  if (v.status === 'disqualified' && !v.statusReason)
    ctx.addIssue({ code: 'custom', path: ['statusReason'], message: 'required' });
  if ((v.statusDate || v.statusReason) && !v.status)
    ctx.addIssue({ code: 'custom', path: ['status'], message: 'required' });
}

export const updateModelWorkerBody = z
  .object({
    honourLevel: z.enum(honourLevels).optional(),
    title: z.string().trim().min(1).max(100).optional(),
    awardedYear: year.optional(),
    unit: z.string().trim().max(100).nullable().optional(),
    ...statusChange,
  })
  .strict()
  .superRefine(statusIssues);

export const checkBody = z
  .object({
    year,
    outcome: z.enum(modelWorkerCheckOutcomes),
    note: z.string().trim().max(1000).optional(),
    ...statusChange,
  })
  .strict()
  .superRefine((v, ctx) => {
    statusIssues(v, ctx);
    if (v.outcome === 'status_changed' && !v.status)
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'required' });
    if (v.outcome !== 'status_changed' && v.status)
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'invalid' }); // only with outcome status_changed
    if (v.outcome === 'noted' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'required' });
  });

export const checkView = z.object({
  id: z.uuid(),
  year: z.number().int(),
  outcome: z.enum(modelWorkerCheckOutcomes),
  note: z.string().nullable(),
  checkedBy: z.object({ id: z.uuid(), name: z.string() }),
  checkedAt: z.string(),
});

export const modelWorkerView = z.object({
  id: z.uuid(),
  member: z.object({ id: z.uuid(), name: z.string(), phone: z.string().describe('masked') }),
  org: z.object({ id: z.uuid(), name: z.string() }).describe("the member's union"),
  honourLevel: z.enum(honourLevels),
  title: z.string(),
  awardedYear: z.number().int(),
  unit: z.string().nullable(),
  status: z.enum(modelWorkerStatuses),
  statusDate: z.string().nullable(),
  statusReason: z.string().nullable(),
  lastCheckedYear: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  checks: z.array(checkView).optional().describe('on the page of one entry: its yearly checks, newest first'),
});
export const modelWorkerPage = pageOf(modelWorkerView.omit({ checks: true }));

export const listModelWorkersQuery = pageQuery
  .extend({
    orgId: z.uuid().optional().describe("the subtree whose members' entries to list (default the caller's)"),
    status: z.enum(modelWorkerStatuses).optional(),
    honourLevel: z.enum(honourLevels).optional(),
    memberId: z.uuid().optional(),
    q: z.string().trim().min(1).max(50).optional().describe("part of the member's name"),
    uncheckedIn: z.coerce
      .number()
      .int()
      .min(1950)
      .max(2100)
      .optional()
      .describe('only active entries not yet checked for that year (年度核查 still to do)'),
  })
  .strict();
export const exportModelWorkersQuery = listModelWorkersQuery.omit({ limit: true, cursor: true });

export const idParams = z.object({ id: z.uuid() }).strict();
export const importQuery = z.object({ orgId: z.uuid() }).strict();
