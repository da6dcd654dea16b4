import { z } from 'zod';
import { honourLevelLabels as sharedHonourLevelLabels, honourLevels } from '../../../../shared/labels.js';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { timelineView } from '../../kernel/workflow.js';
import { requestedSignupActions, signupActions, signupStates } from './quota.workflow.js';

/** The programme kinds that give places, not money (名额类): they take signups, never applications or payments. */
export const quotaKinds = ['recuperation', 'health_check'] as const;
export type QuotaKind = (typeof quotaKinds)[number];

export function isQuotaKind(kind: string): kind is QuotaKind {
  return (quotaKinds as readonly string[]).includes(kind);
}

/** Model-worker honour levels (劳模荣誉等级), highest first: one definition, shared/labels.ts. */
export { honourLevels };
export type HonourLevel = (typeof honourLevels)[number];
export const honourLevelLabels: Record<HonourLevel, string> = sharedHonourLevelLabels['zh-CN'];

const isoDate = z.iso.date().describe('YYYY-MM-DD, Asia/Shanghai');

/**
 * One priority list (优先名单). Signups are ordered by the lists in the order the rules give them, then by arrival:
 * `honour_level` — the levels named, in that order, before everyone else; `front_line` — front-line workers (一线职工)
 * first; `first_time` — members who never attended a programme of the same kind first (从未参加过的优先).
 */
export const priorityRule = z.discriminatedUnion('by', [
  z
    .object({
      by: z.literal('honour_level'),
      levels: z
        .array(z.enum(honourLevels))
        .min(1)
        .max(honourLevels.length)
        .refine((l) => new Set(l).size === l.length, { message: 'not_unique' })
        .describe('the levels that go first, highest priority first'),
    })
    .strict(),
  z.object({ by: z.literal('front_line') }).strict(),
  z.object({ by: z.literal('first_time') }).strict(),
]);
export type PriorityRule = z.infer<typeof priorityRule>;

/** A quota programme's rules (rules.quota): N places, the day it takes place, and the priority lists. */
export const quotaRules = z
  .object({
    places: z.number().int().min(1).max(10_000).describe('名额: how many members go'),
    eventDate: isoDate.describe('the day of the trip or the check (Asia/Shanghai): attendance is marked from then on'),
    priority: z
      .array(priorityRule)
      .max(3)
      .refine((p) => new Set(p.map((r) => r.by)).size === p.length, { message: 'not_unique' })
      .default([])
      .describe('priority lists, applied in this order; then first come, first served'),
  })
  .strict();
export type QuotaRules = z.infer<typeof quotaRules>;

export const signupBody = z
  .object({
    memberId: z.uuid().optional().describe('staff only: the member signed up for'),
    honourLevel: z.enum(honourLevels).optional().describe('a model worker’s honour level'),
    frontLine: z.boolean().optional().describe('a front-line worker (一线职工)'),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

const reason = z.string().trim().min(1).max(1000);
const note = z.string().trim().max(1000).optional();
export const signupActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('decline'), note }).strict(),
  z.object({ action: z.literal('withdraw'), note }).strict(),
  z.object({ action: z.literal('cancel'), reason }).strict(),
  z.object({ action: z.literal('attend'), note }).strict(),
  z.object({ action: z.literal('absent'), note }).strict(),
]);
export type RequestedSignupAction = (typeof requestedSignupActions)[number];

export const signupView = z.object({
  id: z.uuid(),
  programme: z.object({ id: z.uuid(), title: z.string(), kind: z.string(), eventDate: z.string() }),
  member: z.object({ id: z.uuid(), name: z.string() }),
  org: z.object({ id: z.uuid(), name: z.string() }).describe("the member's union when signing up"),
  honourLevel: z.enum(honourLevels).nullable(),
  frontLine: z.boolean(),
  firstTime: z.boolean().nullable().describe('never attended a programme of this kind (set by the allocation)'),
  status: z.enum(signupStates),
  rank: z.number().int().nullable().describe('place in the allocation order (1 first), set by the allocation'),
  placeNo: z.number().int().nullable().describe('the place held (1..places)'),
  waitingPosition: z.number().int().nullable().describe('on the waiting list: 1 is promoted next'),
  actions: z.array(z.enum(signupActions)).describe('what the caller may do now'),
  createdAt: z.string(),
  timeline: timelineView.optional(),
});
export const signupPage = pageOf(signupView.omit({ timeline: true }));
export const listSignupsQuery = pageQuery
  .extend({ status: z.enum(signupStates).optional().describe('waitlisted: the waiting list, in order') })
  .strict();
export const exportSignupsQuery = listSignupsQuery.omit({ limit: true, cursor: true });

export const allocationReply = z.object({
  programmeId: z.uuid(),
  places: z.number().int(),
  allocated: z.number().int().describe('places held now'),
  waitlisted: z.number().int().describe('on the waiting list now'),
  newlyAllocated: z.number().int(),
  newlyWaitlisted: z.number().int(),
});

export const attendanceBody = z
  .object({
    items: z
      .array(
        z
          .object({
            signupId: z.uuid(),
            attended: z.boolean().describe('true: attended (已参加); false: absent (缺席)'),
            note: z.string().trim().max(500).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(1000)
      .describe('signups holding a place of this programme, each once'),
  })
  .strict();
export const attendanceReply = z.object({
  attended: z.number().int(),
  absent: z.number().int(),
});

export const mySignupsQuery = pageQuery.strict();

export const allocationStatus = z.object({
  programmeId: z.uuid(),
  places: z.number().int(),
  placesFree: z.number().int().describe('places held by nobody now'),
  eventDate: z.string(),
  byStatus: z.record(z.enum(signupStates), z.number().int()).describe('signups in each state'),
});

export const correctSignupBody = z
  .object({
    honourLevel: z.enum(honourLevels).nullable().optional().describe('null: not a model worker of a named level'),
    frontLine: z.boolean().optional(),
    note: z.string().trim().min(1).max(500).describe('why (checked against the register, the employer’s letter…)'),
  })
  .strict()
  .refine((v) => v.honourLevel !== undefined || v.frontLine !== undefined, {
    path: ['honourLevel'],
    message: 'required',
  });
