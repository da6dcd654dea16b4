import { z } from 'zod';
import { hardshipCauses, hardshipChannels, hardshipLevels } from '../../../../shared/labels.js';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { isIdNumber, isMobilePhone } from '../../kernel/pii.js';
import { timelineView } from '../../kernel/workflow.js';
import { hardshipActions, hardshipStates } from './hardship.workflow.js';

/** The contract of hardship leads and household files (API.md "Hardship assistance"). */

export const regionCode = z
  .string()
  .regex(/^\d{6}$/, 'a six-digit GB/T 2260 code')
  .describe('GB/T 2260 county code of the address');

export const householdInput = z
  .object({
    headName: z.string().trim().min(1).max(50).describe('户主 name'),
    idNumber: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .refine(isIdNumber, { message: 'invalid_id_number' })
      .describe("the head's resident ID number (18 characters): the federation-wide duplicate check"),
    phone: z.string().trim().refine(isMobilePhone, { message: 'invalid_phone' }),
    regionCode,
    address: z.string().trim().min(1).max(200),
    size: z.number().int().min(1).max(30).describe('people in the household'),
    monthlyIncomeFen: z.number().int().min(0).max(100_000_000).describe('monthly income per head, fen'),
    causes: z
      .array(z.enum(hardshipCauses))
      .min(1)
      .max(hardshipCauses.length)
      .refine((a) => new Set(a).size === a.length, { message: 'each cause once' }),
  })
  .strict();

export const fileLeadBody = z
  .object({
    household: householdInput,
    channel: z.enum(hardshipChannels).describe('who found it'),
    note: z.string().trim().max(2000).optional().describe("the worker's account of the situation (sensitive)"),
    consent: z
      .boolean()
      .optional()
      .describe(
        'the head agreed at the survey to the union keeping and using this information (recorded with the time)',
      ),
    photoIds: z
      .array(z.uuid())
      .max(6)
      .optional()
      .describe('photos uploaded by the caller through POST /api/v1/hardship/photos (at most 6)'),
  })
  .strict();
export type FileLeadBody = z.infer<typeof fileLeadBody>;

const fileView = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  purpose: z.enum(['survey_photo', 'verification_document', 'visit_photo']),
});

export const householdView = z.object({
  headName: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  regionCode: z.string(),
  address: z.string(),
  size: z.number(),
  monthlyIncomeFen: z.number().nullable().describe('null when the reader may not see it (sensitive)'),
  causes: z.array(z.enum(hardshipCauses)).nullable().describe('null when the reader may not see them (sensitive)'),
  note: z.string().nullable(),
  sensitiveMasked: z.boolean().describe('true: income, causes and note are withheld from this reader'),
});

export const leadView = z.object({
  id: z.uuid().describe('the household file: also its id under /api/v1/hardship/households'),
  status: z.enum(hardshipStates),
  org: z.object({ id: z.uuid(), name: z.string() }).describe('the union of the household’s area'),
  channel: z.enum(hardshipChannels),
  household: householdView,
  level: z.enum(hardshipLevels).nullable(),
  consentRecorded: z.boolean(),
  memberId: z.uuid().nullable().describe('the head in the member registry, when matched'),
  filedBy: z.object({ staffId: z.uuid(), username: z.string(), org: z.object({ id: z.uuid(), name: z.string() }) }),
  filedAt: z.string(),
  verifiedAt: z.string().nullable(),
  verificationNote: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  archivedAt: z.string().nullable(),
  lastReviewedAt: z.string().nullable(),
  reviewDueAt: z.string().nullable().describe('while archived: the yearly review deadline'),
  reviewOverdue: z.boolean().describe('archived and not reviewed within 12 months'),
  verificationOverdue: z.boolean().describe('a lead not verified within 10 working days'),
  photos: z.array(fileView),
  actions: z.array(z.enum(hardshipActions)).describe('what the caller may do now'),
  timeline: timelineView.optional(),
});
export type LeadView = z.infer<typeof leadView>;
export const leadPage = pageOf(leadView.omit({ timeline: true, photos: true }));

export const householdExistsDetails = z.object({
  householdId: z.uuid(),
  id: z.uuid(),
  status: z.enum(hardshipStates).optional().describe('only when visible'),
  visible: z.boolean().describe('the caller may open the file (in their subtree, or filed by them)'),
});

const note = z.string().trim().min(1).max(2000);
export const leadActionBody = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('verify'),
      note: note.describe('the verification visit: who went, what was found'),
      documentIds: z.array(z.uuid()).max(10).optional().describe('uploaded through POST /api/v1/hardship/photos'),
    })
    .strict(),
  z.object({ action: z.literal('archive'), level: z.enum(hardshipLevels), note: note.optional() }).strict(),
  z.object({ action: z.literal('help_case_by_case'), note: note.optional() }).strict(),
  z.object({ action: z.literal('reject'), reason: z.string().trim().min(1).max(500) }).strict(),
  z
    .object({
      action: z.literal('review'),
      note: note.describe('the yearly review: what changed'),
      monthlyIncomeFen: z.number().int().min(0).max(100_000_000).optional(),
      size: z.number().int().min(1).max(30).optional(),
      causes: z.array(z.enum(hardshipCauses)).min(1).max(hardshipCauses.length).optional(),
      level: z.enum(hardshipLevels).optional().describe('a new level, checked against the standard'),
    })
    .strict(),
  z.object({ action: z.literal('close'), note: note.describe('why: out of hardship, moved away, deceased') }).strict(),
  z.object({ action: z.literal('reopen'), note }).strict(),
]);
export type LeadActionBody = z.infer<typeof leadActionBody>;

/** A yes/no query parameter: `true` or `false` ("false" is no, as z.coerce.boolean would not have it). */
const queryFlag = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');

export const listLeadsQuery = pageQuery
  .extend({
    orgId: z.uuid().optional().describe("a union of the caller's subtree (default: the caller's own)"),
    status: z.enum(hardshipStates).optional(),
    level: z.enum(hardshipLevels).optional(),
    regionCode: z
      .string()
      .regex(/^\d{2,6}$/)
      .optional()
      .describe('a code or its prefix: 6401 for a city, 64 for a province'),
    q: z.string().trim().min(1).max(50).optional().describe("the head's name, or their full ID number"),
    reviewDue: queryFlag.optional().describe('archives whose yearly review is due within 30 days or overdue'),
    mine: queryFlag.optional().describe('only the leads the caller filed'),
  })
  .strict();
export type ListLeadsQuery = z.infer<typeof listLeadsQuery>;

export const idParams = z.object({ id: z.uuid() }).strict();

export const standardBody = z
  .object({
    monthlyIncomeLineFen: z.number().int().min(1).max(10_000_000).describe('深度困难 at or below this line'),
    relativeIncomeLineFen: z
      .number()
      .int()
      .min(1)
      .max(10_000_000)
      .optional()
      .describe('相对困难 at or below this line (default 1.5 × the line)'),
  })
  .strict()
  .refine((b) => b.relativeIncomeLineFen === undefined || b.relativeIncomeLineFen >= b.monthlyIncomeLineFen, {
    path: ['relativeIncomeLineFen'],
    message: 'at least the monthly income line',
  });
export const standardView = z.object({
  regionCode: z.string(),
  monthlyIncomeLineFen: z.number(),
  relativeIncomeLineFen: z.number(),
  updatedAt: z.string(),
});

// ——— Added by the leads part (server core): uploads, the unmasked contact, exports, standards, figures, my household ———

export const uploadReply = fileView.omit({ purpose: true });

export const householdFileParams = z.object({ id: z.uuid(), fileId: z.uuid() }).strict();

export const contactView = z.object({
  id: z.uuid(),
  headName: z.string(),
  phone: z.string().describe("the head's full mobile number (the read is audited)"),
  idNumber: z.string().describe("the head's full ID number (the read is audited)"),
});

export const exportLeadsQuery = listLeadsQuery.omit({ limit: true, cursor: true });
export type ExportLeadsQuery = z.infer<typeof exportLeadsQuery>;

export const regionCodeParams = z.object({ regionCode }).strict();

export const listStandardsQuery = z
  .object({
    regionCode: z
      .string()
      .regex(/^\d{2,6}$/)
      .optional()
      .describe('a code or its prefix: 6401 for a city, 64 for a province'),
  })
  .strict();
export const standardPage = pageOf(standardView);

export const statsQuery = z
  .object({ orgId: z.uuid().optional().describe("a union of the caller's subtree (default: the caller's own)") })
  .strict();
const countsByStatus = z.object(
  Object.fromEntries(hardshipStates.map((s) => [s, z.number()])) as Record<
    (typeof hardshipStates)[number],
    z.ZodNumber
  >,
);
const countsByLevel = z.object(
  Object.fromEntries(hardshipLevels.map((l) => [l, z.number()])) as Record<
    (typeof hardshipLevels)[number],
    z.ZodNumber
  >,
);
export const statsView = z.object({
  org: z.object({ id: z.uuid(), name: z.string() }),
  total: z.number().describe('household files of the subtree, every state'),
  byStatus: countsByStatus,
  byLevel: countsByLevel.describe('archived households by level'),
  reviewsDue: z.number().describe('archives whose yearly review falls within 30 days (not yet overdue)'),
  reviewsOverdue: z.number().describe('archives not reviewed within 12 months'),
  awaitingVerification: z.number().describe('leads not yet verified'),
  verificationOverdue: z.number().describe('leads past their verification deadline'),
  byChildOrg: z
    .array(z.object({ id: z.uuid(), name: z.string(), archived: z.number(), total: z.number() }))
    .describe('each union directly below: its subtree’s archives and all its files'),
});

export const myHardshipView = z.object({
  households: z.array(
    z.object({
      id: z.uuid(),
      status: z.enum(hardshipStates),
      level: z.enum(hardshipLevels).nullable(),
      regionCode: z.string(),
      orgName: z.string().describe('the union of the household’s area'),
      filedAt: z.string(),
      archivedAt: z.string().nullable(),
      reviewDueAt: z.string().nullable(),
    }),
  ),
});
