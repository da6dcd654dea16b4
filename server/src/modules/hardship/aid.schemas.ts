import { z } from 'zod';
import { aidKinds, hardshipLevels, hardshipStatuses } from '../../../../shared/labels.js';
import { measureView } from './plans.schemas.js';

/** The contract of the record of help given (帮扶记录): one row per help a household received. */

const isoDate = z.iso.date().describe('YYYY-MM-DD, Asia/Shanghai');
const ref = z.object({ id: z.uuid(), name: z.string() });

export const aidBody = z
  .object({
    kind: z.enum(aidKinds),
    amountFen: z
      .number()
      .int()
      .min(1)
      .max(100_000_000)
      .optional()
      .describe('the value in fen: required for cash, optional for goods and services'),
    description: z.string().trim().min(1).max(500).describe('what was given'),
    givenOn: isoDate.optional().describe('the day it was given (default today); not after today'),
    donorId: z
      .uuid()
      .optional()
      .describe("the donor unit (爱心企业) that gave it, of the household's union or above it; none: the union itself"),
    campaignId: z
      .uuid()
      .optional()
      .describe(
        "a seasonal campaign's share: the same as POST /api/v1/aid-campaigns/{id}/distributions (on its list, once, within its budget)",
      ),
  })
  .strict()
  .superRefine((b, issues) => {
    if (b.kind === 'cash' && b.amountFen === undefined)
      issues.addIssue({ code: 'custom', path: ['amountFen'], message: 'required' });
  });
export type AidBody = z.infer<typeof aidBody>;

export const giverView = z.object({
  kind: z.enum(['union', 'donor']),
  id: z.uuid(),
  name: z.string().describe('the union, or the donor unit'),
});

export const aidView = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  kind: z.enum(aidKinds),
  amountFen: z.number().int().nullable(),
  description: z.string(),
  givenOn: z.string(),
  giver: giverView,
  org: ref.describe('the union that gave or recorded it'),
  donor: ref.nullable(),
  campaign: z.object({ id: z.uuid(), title: z.string() }).nullable().describe('a seasonal campaign’s distribution'),
  via: z.enum(['card', 'list', 'direct']),
  recordedBy: z.object({ staffId: z.uuid(), username: z.string() }),
  createdAt: z.string(),
});
export type AidView = z.infer<typeof aidView>;

export const aidList = z.object({
  items: z.array(aidView).describe('newest first'),
  count: z.number().int(),
  totalFen: z.number().int().describe('the sum of the amounts given'),
  nextCursor: z.null().describe('always null: the whole record in one page'),
});

export const aidExportQuery = z
  .object({
    orgId: z.uuid().optional().describe("the subtree (default the caller's)"),
    from: isoDate.optional().describe('given on or after'),
    to: isoDate.optional().describe('given on or before'),
    kind: z.enum(aidKinds).optional(),
  })
  .strict();
export type AidExportQuery = z.infer<typeof aidExportQuery>;

export const myAidReply = z.object({
  household: z
    .object({ id: z.uuid(), status: z.enum(hardshipStatuses), level: z.enum(hardshipLevels).nullable() })
    .nullable()
    .describe("the member's household on file; null when there is none"),
  items: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(aidKinds),
      description: z.string(),
      amountFen: z.number().int().nullable(),
      giverName: z.string(),
      givenOn: z.string(),
    }),
  ),
  totalFen: z.number().int(),
  plan: z
    .object({
      version: z.number().int(),
      goal: z.string(),
      measures: z.array(measureView.omit({ doneNote: true, overdue: true })),
    })
    .nullable()
    .describe("the household's current plan (一户一策)"),
});
