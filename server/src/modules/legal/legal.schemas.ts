import { z } from 'zod';
import { timelineView } from '../../kernel/workflow.js';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { regionCodeSchema } from '../orgs/index.js';
import { caseStates } from './legal.workflow.js';
import { caseCategories, caseKinds } from '../../../../shared/labels.js';

export { caseCategories, caseKinds };

const fen = z.number().int().min(0).max(100_000_000_000).describe('integer fen (分)');

export const fileCaseBody = z
  .object({
    kind: z.enum(caseKinds),
    category: z.enum(caseCategories),
    description: z.string().trim().min(10).max(5000),
    amountClaimedFen: fen.optional(),
    employer: z
      .object({
        name: z.string().trim().min(1).max(200),
        regionCode: regionCodeSchema,
        address: z.string().trim().max(200).optional(),
      })
      .strict(),
    attachmentIds: z.array(z.uuid()).max(20).optional(),
  })
  .strict();

export const caseActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), note: z.string().trim().max(1000).optional() }).strict(),
  z.object({ action: z.literal('assign'), handlerId: z.uuid(), note: z.string().trim().max(1000).optional() }).strict(),
  z.object({ action: z.literal('contact'), note: z.string().trim().min(1).max(1000) }).strict(),
  z
    .object({ action: z.literal('agree'), amountRecoveredFen: fen, note: z.string().trim().max(1000).optional() })
    .strict(),
  z
    .object({
      action: z.literal('refer'),
      to: z.enum(['arbitration', 'court']),
      note: z.string().trim().max(1000).optional(),
    })
    .strict(),
  z.object({ action: z.literal('withdraw'), note: z.string().trim().max(1000).optional() }).strict(),
  z.object({ action: z.literal('close'), note: z.string().trim().max(1000).optional() }).strict(),
]);

export const ratingBody = z
  .object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() })
  .strict();

export const caseView = z.object({
  id: z.uuid(),
  kind: z.enum(caseKinds),
  category: z.enum(caseCategories),
  description: z.string(),
  amountClaimedFen: z.number().int().nullable(),
  employer: z.object({ name: z.string(), regionCode: z.string(), address: z.string().nullable() }),
  status: z.enum(caseStates),
  center: z.object({ id: z.uuid(), name: z.string() }),
  routedToCenter: z.boolean().describe('false: no centre serves the region; the case waits in this federation’s queue'),
  applicant: z.object({
    name: z.string().nullable().describe('as in the member registry; null for a worker who is not a member'),
    phone: z.string().describe('masked; the unmasked phone through POST …/applicant-phone-reads, audited'),
  }),
  handler: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  amountRecoveredFen: z.number().int().nullable(),
  referredTo: z.enum(['arbitration', 'court']).nullable(),
  firstContactDueAt: z.string(),
  firstContactAt: z.string().nullable(),
  overdue: z.boolean().describe('not contacted within one working day of submission'),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  attachments: z.array(
    z.object({ id: z.uuid(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int() }),
  ),
  actions: z.array(z.string()).describe('what the caller may do now'),
  timeline: timelineView.optional(),
});

export const listCasesQuery = pageQuery.extend({
  mine: z
    .enum(['true', 'false'])
    .optional()
    .describe(
      "true: my cases — the applicant's own (an applicant's list is always theirs), a staff member's those assigned to them",
    ),
  status: z
    .enum([...caseStates, 'open'])
    .optional()
    .describe('one state, or open: every state but closed and withdrawn'),
  centerId: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export const exportCasesQuery = listCasesQuery.omit({ limit: true, cursor: true, mine: true });
export const casePage = pageOf(caseView);
export const idParams = z.object({ id: z.uuid() });
export const applicantPhoneView = z.object({ id: z.uuid(), phone: z.string() });
export const handlersQuery = pageQuery;
export const handlerView = z.object({
  id: z.uuid(),
  name: z.string(),
  roles: z.array(z.string()),
  org: z.object({ id: z.uuid(), name: z.string() }),
});
export const handlerPage = pageOf(handlerView);
export const attachmentParams = z.object({ id: z.uuid(), fileId: z.uuid() });

export const statsQuery = z.object({ centerId: z.uuid().optional() });
export const statsReply = z.object({
  cases: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  recoveredFen: z.number().int(),
  averageHoursToFirstContact: z.number().nullable(),
  averageDaysToClose: z.number().nullable(),
  overdueFirstContact: z.number().int(),
  averageRating: z.number().nullable(),
});

export const uploadReply = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
});
