import { z } from 'zod';
import { proposalCategories, proposalCosignerStatuses } from '../../../../shared/labels.js';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { timelineView } from '../../kernel/workflow.js';
import { proposalStates, requestedProposalActions } from './proposals.workflow.js';

export { proposalCategories, proposalCosignerStatuses };

const title = z.string().trim().min(1).max(100).describe('e.g. 关于开设假期职工子女“阳光学堂”的建议');
const body = z
  .string()
  .trim()
  .min(1)
  .max(10_000)
  .describe('the case for it and what should be done (案由 and 建议措施)');
const attachmentIds = z
  .array(z.uuid())
  .max(10)
  .describe('files the proposer uploaded at POST /api/v1/proposals/attachments (PNG, JPEG or PDF)');
const note = z.string().trim().max(1000).optional().describe('a remark kept on the timeline');
const reason = z.string().trim().min(1).max(1000).describe('told to the proposer, kept on the timeline');
const reply = z.string().trim().min(1).max(5000).describe('the answer the proposer reads and rates');

export const submitProposalBody = z
  .object({
    congressId: z.uuid().describe('a congress term the caller is an active representative of'),
    title,
    body,
    category: z.enum(proposalCategories),
    coSignerIds: z
      .array(z.uuid())
      .max(50)
      .optional()
      .describe(
        'representative ids (not member ids) of active representatives of the same congress, other than the proposer; each is asked to confirm in their app',
      ),
    attachmentIds: attachmentIds.optional(),
    suggestionId: z
      .uuid()
      .optional()
      .describe(
        "a members' suggestion (职工事大家议) the representative can see, open or answered, taken up as this proposal: it moves to taken_up and its author is told",
      ),
  })
  .strict();

export const proposalActionBody = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('resubmit'),
      title: title.optional(),
      body: body.optional(),
      category: z.enum(proposalCategories).optional(),
      attachmentIds: attachmentIds.optional().describe('when given, replaces the attachments'),
      note,
    })
    .strict()
    .describe('the proposer, after a return: the edited proposal goes back to the committee'),
  z
    .object({ action: z.literal('withdraw'), note })
    .strict()
    .describe('the proposer, before the committee accepted it'),
  z
    .object({ action: z.literal('review_accept'), note })
    .strict()
    .describe('the committee: 立案'),
  z
    .object({ action: z.literal('review_return'), reason })
    .strict()
    .describe('the committee: back to the proposer to edit and resubmit'),
  z
    .object({ action: z.literal('review_reject'), reason })
    .strict()
    .describe('the committee: 不予立案'),
  z
    .object({ action: z.literal('convert_to_suggestion'), note })
    .strict()
    .describe('the committee: handled as a suggestion (建议) instead'),
  z
    .object({
      action: z.literal('assign'),
      handlerOrgId: z.uuid().describe("the handling body (承办单位): an org of the congress's subtree"),
      dueOn: z.iso
        .date()
        .optional()
        .describe(
          'YYYY-MM-DD, Asia/Shanghai, today or later; handling is due by the end of that day. Default: 20 working days from now (working calendar)',
        ),
      note,
    })
    .strict()
    .describe('the committee: hands the proposal to a handling body (again: to another one, with a new due date)'),
  z
    .object({
      action: z.literal('refer_external'),
      platform: z.string().trim().min(1).max(50).describe('e.g. 基层治理四平台, 12345 热线'),
      externalRef: z.string().trim().min(1).max(100).describe("the matter's reference on that platform"),
      note,
    })
    .strict()
    .describe('the committee: a matter the union cannot handle goes to the local governance platform'),
  z
    .object({ action: z.literal('record_external_answer'), reply })
    .strict()
    .describe("the committee records the outside platform's answer: it ends the referral like an answer"),
  z
    .object({ action: z.literal('answer'), reply })
    .strict()
    .describe('the handling body (or the committee)'),
  z
    .object({
      action: z.literal('rate'),
      score: z.number().int().min(1).max(5),
      satisfied: z.boolean().optional().describe('default: score >= 3'),
      comment: z.string().trim().max(500).optional(),
    })
    .strict()
    .describe(
      'the proposer, once answered: satisfied → closed; the first dissatisfied rating reopens handling (new due date), a second one closes it as closed_dissatisfied',
    ),
  z
    .object({ action: z.literal('close'), note })
    .strict()
    .describe(
      'the committee: an accepted proposal settled without handling, or an answer nobody rated within 15 working days',
    ),
]);
export type ProposalActionBody = z.infer<typeof proposalActionBody>;

export const cosignatureBody = z
  .object({ agree: z.boolean().describe('true: I co-sign (附议); false: I decline') })
  .strict();

const orgRef = z.object({ id: z.uuid(), name: z.string() });
const fileView = z.object({ id: z.uuid(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int() });

export const proposalView = z.object({
  id: z.uuid(),
  congress: z.object({ id: z.uuid(), name: z.string(), org: orgRef }),
  title: z.string(),
  body: z.string(),
  category: z.enum(proposalCategories),
  status: z.enum(proposalStates),
  proposer: z
    .object({ representativeId: z.uuid(), name: z.string(), org: orgRef.describe("the representative's union") })
    .describe('提案人'),
  coSigners: z
    .array(
      z.object({
        representativeId: z.uuid(),
        name: z.string(),
        status: z.enum(proposalCosignerStatuses),
        answeredAt: z.string().nullable(),
      }),
    )
    .describe('附议代表 as named by the proposer, in name order, each with their answer'),
  myCosignature: z
    .enum(proposalCosignerStatuses)
    .nullable()
    .describe("the caller's own answer when they are a named co-signer (pending: they may answer now), else null"),
  attachments: z.array(fileView).describe('GET /api/v1/proposals/{id}/attachments/{fileId}'),
  reviewReason: z.string().nullable().describe("the committee's reason of the last return or rejection"),
  handlerOrg: orgRef.nullable().describe('承办单位, once assigned'),
  assignedAt: z.string().nullable(),
  dueOn: z.string().nullable().describe('while being handled: the Shanghai date handling is due (YYYY-MM-DD)'),
  dueAt: z.string().nullable().describe('the end of that day, as an instant'),
  overdue: z.boolean().describe('being handled and past its due time, unanswered (督办)'),
  referral: z
    .object({ platform: z.string(), externalRef: z.string(), referredAt: z.string() })
    .nullable()
    .describe('the outside platform it was referred to'),
  reply: z
    .object({
      text: z.string(),
      source: z
        .enum(['handler', 'external'])
        .describe("handler: the handling body's; external: the outside platform's"),
      at: z.string(),
    })
    .nullable()
    .describe('the latest answer'),
  rating: z
    .object({ score: z.number().int(), satisfied: z.boolean(), comment: z.string().nullable(), at: z.string() })
    .nullable()
    .describe("the proposer's latest rating (every rating: `ratings`)"),
  ratings: z
    .array(
      z.object({ score: z.number().int(), satisfied: z.boolean(), comment: z.string().nullable(), at: z.string() }),
    )
    .optional()
    .describe('every rating the proposer gave, oldest first (GET of one proposal only): a reopened one has two'),
  reopened: z.boolean().describe('handling was reopened after a dissatisfied rating (once at most)'),
  closableFrom: z
    .string()
    .nullable()
    .describe('while answered and unrated: from when the committee may close it without a rating'),
  availableActions: z
    .array(z.enum(requestedProposalActions))
    .describe('the actions the caller may take now at POST /api/v1/proposals/{id}/actions'),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  timeline: timelineView.optional().describe('every step, oldest first (GET of one proposal only)'),
});

const yesNo = z.enum(['true', 'false']);

export const listProposalsQuery = pageQuery
  .extend({
    mine: yesNo
      .optional()
      .describe(
        "members: the proposals they made or were named to co-sign (a member's list is always this); staff: true → only those assigned to a handling body of their subtree",
      ),
    congressId: z.uuid().optional(),
    status: z
      .enum([...proposalStates, 'open'])
      .optional()
      .describe('one state, or open: every state but the ends'),
    category: z.enum(proposalCategories).optional(),
    overdue: yesNo.optional().describe('true: being handled past the due time (the 督办 list)'),
    handlerOrgId: z.uuid().optional(),
    q: z.string().trim().min(1).max(50).optional().describe('part of the title'),
  })
  .strict();
export const exportProposalsQuery = listProposalsQuery.omit({ limit: true, cursor: true });
export const proposalPage = pageOf(proposalView);

export const proposalStatsView = z.object({
  total: z.number().int(),
  byStatus: z.record(z.enum(proposalStates), z.number().int()).describe('every state, 0 when none'),
  accepted: z.number().int().describe('taken up for handling (立案): accepted and every later state'),
  answered: z.number().int().describe('answered at least once'),
  closed: z.number().int().describe('closed and closed_dissatisfied'),
  closureRate: z.number().nullable().describe('closed ÷ accepted (办结率), 0..1; null when none accepted'),
  overdue: z.number().int().describe('being handled past the due time now'),
  averageRating: z.number().nullable().describe("the proposers' latest ratings, 1..5"),
  satisfiedShare: z.number().nullable().describe('satisfied ÷ rated, 0..1'),
});

/** A fellow representative the proposer may name as a co-signer (no phone: members see names only). */
export const cosignerCandidateView = z.object({
  id: z.uuid().describe('the representative id coSignerIds takes'),
  name: z.string(),
  delegation: z.string().nullable().describe('代表团 / 选区'),
  org: orgRef.describe("the representative's union"),
});
export const cosignerCandidatePage = pageOf(cosignerCandidateView);
export const cosignerCandidatesQuery = pageQuery
  .extend({ q: z.string().trim().min(1).max(50).optional().describe("part of the representative's name") })
  .strict();

export const uploadReply = fileView;
export const idParams = z.object({ id: z.uuid() }).strict();
export const attachmentParams = z.object({ id: z.uuid(), fileId: z.uuid() }).strict();
