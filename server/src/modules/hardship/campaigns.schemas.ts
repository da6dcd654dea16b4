import { z } from 'zod';
import { aidKinds, aidSeasons, hardshipLevels, hardshipStatuses } from '../../../../shared/labels.js';
import { pageOf, pageQuery } from '../../kernel/pagination.js';

/** The contract of seasonal campaigns 四季送 (API.md "Hardship assistance": POST /api/v1/aid-campaigns). */

export const idParams = z.object({ id: z.uuid() }).strict();
export const targetParams = z.object({ id: z.uuid(), householdId: z.uuid() }).strict();
const ref = z.object({ id: z.uuid(), name: z.string() });

/** A campaign's budget and a distribution's value: at most ¥100,000,000 (10^10 fen). */
const maxBudgetFen = 10_000_000_000;

export const createCampaignBody = z
  .object({
    season: z.enum(aidSeasons).describe('春送岗位 spring, 夏送清凉 summer, 秋送助学 autumn, 冬送温暖 winter'),
    year: z.number().int().min(2000).max(2100),
    title: z.string().trim().min(1).max(100),
    orgId: z.uuid().describe('the union running it: households of its subtree are its targets'),
    budgetFen: z.number().int().min(0).max(maxBudgetFen).describe('what it may spend, fen'),
  })
  .strict();
export type CreateCampaignBody = z.infer<typeof createCampaignBody>;

export const campaignStatuses = ['open', 'closed'] as const;

export const campaignView = z.object({
  id: z.uuid(),
  org: ref,
  season: z.enum(aidSeasons),
  year: z.number().int(),
  title: z.string(),
  status: z.enum(campaignStatuses),
  budgetFen: z.number().int(),
  spentFen: z.number().int().describe('the sum of the distributions’ amounts'),
  leftFen: z.number().int().describe('budget − spent'),
  targets: z.number().int().describe('households on the target list'),
  reached: z.number().int().describe('households that received the campaign'),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type CampaignView = z.infer<typeof campaignView>;
export const campaignPage = pageOf(campaignView);

export const listCampaignsQuery = pageQuery
  .extend({
    orgId: z.uuid().optional().describe("a union of the caller's subtree (default the caller's own): its subtree"),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    season: z.enum(aidSeasons).optional(),
    status: z.enum(campaignStatuses).optional(),
  })
  .strict();
export type ListCampaignsQuery = z.infer<typeof listCampaignsQuery>;

// ——— the target list ———

const regionPrefix = z
  .string()
  .regex(/^\d{2,6}$/)
  .describe('a region code or its prefix: 640381 a county, 6403 a city, 64 a province');

export const addTargetsBody = z
  .object({
    householdIds: z
      .array(z.uuid())
      .min(1)
      .max(500)
      .optional()
      .describe('these households: each must be archived (or helped case by case) in the campaign’s subtree, else 400'),
    fromArchives: z
      .object({ level: z.enum(hardshipLevels).optional(), regionCode: regionPrefix.optional() })
      .strict()
      .optional()
      .describe('every archived household of the campaign’s subtree at this level and region; the others are skipped'),
    includeCaseByCase: z
      .boolean()
      .optional()
      .describe('also households helped case by case (个案帮扶), below the line of archiving'),
  })
  .strict()
  .refine((b) => (b.householdIds === undefined) !== (b.fromArchives === undefined), {
    message: 'either householdIds or fromArchives',
    path: ['householdIds'],
  });
export type AddTargetsBody = z.infer<typeof addTargetsBody>;

export const addTargetsReply = z.object({
  added: z.number().int().describe('households put on the list now'),
  alreadyListed: z.number().int().describe('households that were on it already'),
  targets: z.number().int().describe('the list’s length now'),
});

export const distributionView = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  household: z.object({ id: z.uuid(), headName: z.string(), idNumberMasked: z.string() }),
  kind: z.enum(aidKinds),
  amountFen: z.number().int().nullable(),
  description: z.string(),
  givenOn: z.string().describe('YYYY-MM-DD, Asia/Shanghai'),
  via: z.enum(['card', 'list', 'direct']).describe('card: the member card’s code; list: chosen from the targets'),
  recordedBy: z.object({ staffId: z.uuid(), username: z.string() }),
  createdAt: z.string(),
});

export const targetView = z.object({
  household: z.object({
    id: z.uuid(),
    headName: z.string(),
    idNumberMasked: z.string(),
    regionCode: z.string(),
    address: z.string(),
    status: z.enum(hardshipStatuses),
    level: z.enum(hardshipLevels).nullable(),
    org: ref.describe('the union of the household’s area'),
  }),
  addedAt: z.string(),
  received: distributionView
    .omit({ campaignId: true, household: true })
    .nullable()
    .describe('what the household got from this campaign; null: nothing yet'),
});
export const targetPage = pageOf(targetView);

export const listTargetsQuery = pageQuery
  .extend({
    received: z.enum(['true', 'false']).optional().describe('only those who received (true) or not yet (false)'),
    q: z.string().trim().min(1).max(50).optional().describe('part of the head’s name'),
  })
  .strict();
export type ListTargetsQuery = z.infer<typeof listTargetsQuery>;

// ——— distribution ———

/** The member card's number (电子会员证, GET /api/v1/me/member-card `cardNumber`): 12 hexadecimal characters. */
export const memberCardCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Fa-f]{12}$/, 'the 12 characters of the member card’s number')
  .transform((v) => v.toUpperCase());

export const distributeBody = z
  .object({
    householdId: z.uuid().optional().describe('chosen from the target list'),
    memberCardCode: memberCardCode
      .optional()
      .describe('or the member card’s number, typed or scanned: the household whose head is that member'),
    kind: z.enum(aidKinds),
    amountFen: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .optional()
      .describe('the value given (cash: required), counted against the budget'),
    description: z.string().trim().min(1).max(500).describe('what was given: 米面油一份, 慰问金'),
    givenOn: z.iso
      .date()
      .refine((d) => d >= '2000-01-01', { message: 'too early' })
      .optional()
      .describe('default today (Asia/Shanghai); not in the future'),
  })
  .strict()
  .refine((b) => (b.householdId === undefined) !== (b.memberCardCode === undefined), {
    message: 'either householdId or memberCardCode',
    path: ['householdId'],
  })
  .refine((b) => b.kind !== 'cash' || b.amountFen !== undefined, {
    message: 'a cash distribution needs its amount',
    path: ['amountFen'],
  });
export type DistributeBody = z.infer<typeof distributeBody>;

export const distributionReply = distributionView.extend({ campaign: campaignView });

// ——— report ———

export const reportView = z.object({
  campaign: campaignView,
  budgetFen: z.number().int(),
  spentFen: z.number().int(),
  leftFen: z.number().int(),
  targets: z.number().int(),
  reached: z.number().int(),
  byKind: z.array(z.object({ kind: z.enum(aidKinds), households: z.number().int(), amountFen: z.number().int() })),
  byUnion: z
    .array(
      z.object({
        org: ref,
        targets: z.number().int(),
        reached: z.number().int(),
        amountFen: z.number().int(),
      }),
    )
    .describe('per child union of the campaign’s union (the union itself for households filed to it directly)'),
});
