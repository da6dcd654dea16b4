import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { timelineView } from '../../kernel/workflow.js';
import { nominationActions, nominationStates } from './awards.workflow.js';

export const idParams = z.object({ id: z.uuid() }).strict();
export const photoParams = z.object({ id: z.uuid(), fileId: z.uuid() }).strict();
const ref = z.object({ id: z.uuid(), name: z.string() });
const isoTime = z.iso.datetime({ offset: true });

export const selectionStages = ['nominating', 'voting', 'publicity', 'awarded'] as const;

export const createSelectionBody = z
  .object({
    orgId: z.uuid().describe('the union running it: unions and members of its subtree nominate'),
    title: z.string().trim().min(1).max(200),
    year: z.number().int().min(2000).max(2100),
    quota: z.number().int().min(1).max(1000).describe('how many are selected'),
    description: z.string().trim().max(5000).optional(),
    nominationClosesAt: isoTime,
  })
  .strict();
export type CreateSelectionBody = z.infer<typeof createSelectionBody>;

export const updateSelectionBody = z
  .object({
    title: createSelectionBody.shape.title.optional(),
    year: createSelectionBody.shape.year.optional(),
    quota: createSelectionBody.shape.quota.optional(),
    description: z.string().trim().max(5000).nullable().optional(),
    nominationClosesAt: isoTime.optional().describe('while nominating only; later than now (reopens nominations)'),
  })
  .strict();
export type UpdateSelectionBody = z.infer<typeof updateSelectionBody>;

export const selectionView = z.object({
  id: z.uuid(),
  org: ref,
  title: z.string(),
  year: z.number().int(),
  quota: z.number().int(),
  description: z.string().nullable(),
  nominationClosesAt: z.string(),
  nominationOpen: z.boolean(),
  stage: z.enum(selectionStages),
  pollId: z.uuid().nullable().describe('the public vote (a poll)'),
  publicityStartsAt: z.string().nullable(),
  publicityEndsAt: z.string().nullable(),
  awardedAt: z.string().nullable(),
  counts: z.record(z.enum(nominationStates), z.number().int()).describe('nominations by state'),
  mayRun: z.boolean().describe('the caller reviews, opens the vote and the publicity, resolves objections'),
});
export const selectionPage = pageOf(selectionView);
export const listSelectionsQuery = pageQuery
  .extend({ orgId: z.uuid().optional().describe("the subtree (default the caller's)") })
  .strict();

export const nominateBody = z
  .object({
    source: z
      .enum(['union', 'self', 'peer'])
      .describe("union: a union's staff; self: the member nominates themself; peer: a member nominates a colleague"),
    nomineeName: z.string().trim().min(1).max(50).optional().describe('union and peer nominations'),
    orgId: z.uuid().optional().describe("union nominations: the nominee's union (within the caller's subtree)"),
    position: z.string().trim().min(1).max(200).describe('unit and post (单位及职务)'),
    deeds: z.string().trim().min(10).max(10000).describe('事迹'),
    photoIds: z.array(z.uuid()).max(9).optional().describe("the caller's own uploads (POST /api/v1/awards/photos)"),
  })
  .strict();
export type NominateBody = z.infer<typeof nominateBody>;

export const nominationView = z.object({
  id: z.uuid(),
  selectionId: z.uuid(),
  org: ref.describe("the nominee's union"),
  nomineeName: z.string(),
  position: z.string(),
  deeds: z.string(),
  photoIds: z.array(z.uuid()),
  source: z.enum(['union', 'self', 'peer']),
  mine: z.boolean().describe('the caller nominated it'),
  status: z.enum(nominationStates),
  votes: z
    .number()
    .int()
    .nullable()
    .describe("the public vote: for staff the poll's count so far while it runs, the final one from the publicity"),
  objections: z.number().int().describe('staff: objections lodged'),
  createdAt: z.string(),
  availableActions: z.array(z.enum(nominationActions)),
  timeline: timelineView.optional(),
});
export const nominationList = z.object({
  items: z.array(nominationView.omit({ timeline: true })),
  nextCursor: z.null(),
});
export const listNominationsQuery = z.object({ status: z.enum(nominationStates).optional() }).strict();

export const nominationActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve'), note: z.string().trim().max(1000).optional() }).strict(),
  z.object({ action: z.literal('reject'), reason: z.string().trim().min(1).max(2000) }).strict(),
]);
export type NominationActionBody = z.infer<typeof nominationActionBody>;

export const withdrawBody = z.object({ reason: z.string().trim().max(1000).optional() }).strict();

export const startVoteBody = z
  .object({
    startsAt: isoTime,
    endsAt: isoTime,
    ballotsPerMemberPerDay: z.number().int().min(1).max(100).default(5),
    perEntryPerDay: z.number().int().min(1).max(100).default(1),
  })
  .strict();

export const openPublicityBody = z
  .object({
    nominationIds: z
      .array(z.uuid())
      .min(1)
      .max(1000)
      .optional()
      .describe('those selected; default the top `quota` by votes (or all approved, without a vote)'),
    endsAt: isoTime.describe('the publicity (公示) runs from now until then'),
  })
  .strict();

export const publicityView = z.object({
  selection: z.object({
    id: z.uuid(),
    title: z.string(),
    year: z.number().int(),
    org: ref,
    publicityStartsAt: z.string(),
    publicityEndsAt: z.string(),
    open: z.boolean().describe('objections are taken now'),
    awarded: z.boolean(),
  }),
  items: z.array(
    z.object({
      nominationId: z.uuid(),
      nomineeName: z.string().describe('masked (张*明)'),
      org: ref,
      position: z.string(),
      deeds: z.string(),
      votes: z.number().int().nullable(),
      status: z.enum(['publicized', 'awarded', 'revoked']),
    }),
  ),
});

export const objectionBody = z.object({ content: z.string().trim().min(5).max(2000) }).strict();
export const objectionView = z.object({
  id: z.uuid(),
  nominationId: z.uuid(),
  nomineeName: z.string(),
  member: z.object({ id: z.uuid(), name: z.string(), org: ref }).describe('staff only: who lodged it'),
  content: z.string(),
  resolution: z.enum(['upheld', 'dismissed']).nullable(),
  resolutionNote: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const objectionList = z.object({ items: z.array(objectionView), nextCursor: z.null() });
export const lodgedView = z.object({ id: z.uuid(), createdAt: z.string() });
export const resolveBody = z
  .object({ resolution: z.enum(['upheld', 'dismissed']), note: z.string().trim().min(1).max(2000) })
  .strict();

export const uploadReply = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
});

export const mySelectionView = selectionView.omit({ mayRun: true, counts: true }).extend({
  myNominations: z.array(nominationView.pick({ id: true, nomineeName: true, status: true, source: true })),
});
export const mySelectionPage = pageOf(mySelectionView);
export const mySelectionsQuery = pageQuery.strict();
