import { z } from 'zod';
import { reviewRatings } from '../../../../shared/labels.js';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { timelineView } from '../../kernel/workflow.js';
import { suggestionActions, suggestionStates } from './suggestions.workflow.js';

export const idParams = z.object({ id: z.uuid() }).strict();
const ref = z.object({ id: z.uuid(), name: z.string() });

// ——— 职工事大家议 suggestions ———

export const postSuggestionBody = z
  .object({
    title: z.string().trim().min(1).max(100),
    body: z.string().trim().min(1).max(5000),
    orgId: z.uuid().optional().describe("the union addressed: the member's own (default) or one above it"),
  })
  .strict();

const reason = z.string().trim().min(1).max(2000);
const note = z.string().trim().max(1000).optional();

export const suggestionActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('answer'), reply: reason }).strict(),
  z.object({ action: z.literal('close'), note }).strict(),
  z.object({ action: z.literal('reject'), reason }).strict(),
  z.object({ action: z.literal('withdraw'), note }).strict(),
]);
export type SuggestionActionBody = z.infer<typeof suggestionActionBody>;

export const suggestionView = z.object({
  id: z.uuid(),
  org: ref.describe('the union it is addressed to'),
  author: z.object({
    name: z.string().describe('staff read the name; members read it masked (张*明)'),
    org: ref.describe("the author's union when posting"),
  }),
  mine: z.boolean().describe('the caller posted it'),
  title: z.string(),
  body: z.string(),
  status: z.enum(suggestionStates),
  supportCount: z.number().int(),
  supportedByMe: z.boolean().describe('members: the caller supports it; staff: false'),
  mayBeSupported: z.boolean().describe('the caller may support it now'),
  reply: z.object({ text: z.string(), at: z.string() }).nullable().describe("the union's answer"),
  proposalId: z.uuid().nullable().describe('the proposal that took it up'),
  sourceProposalId: z.uuid().nullable().describe('the proposal it was converted from'),
  createdAt: z.string(),
  availableActions: z.array(z.enum(suggestionActions)).describe('what the caller may do now'),
  timeline: timelineView.optional(),
});
export const suggestionPage = pageOf(suggestionView.omit({ timeline: true }));

export const suggestionSorts = ['recent', 'supports'] as const;
export const listSuggestionsQuery = pageQuery
  .extend({
    orgId: z
      .uuid()
      .optional()
      .describe("staff: the subtree (default the caller's); members: one union of theirs, their own or above"),
    status: z.enum(suggestionStates).optional(),
    q: z.string().trim().max(100).optional().describe('part of the title'),
    mine: z.enum(['true', 'false']).optional().describe("members: only the caller's own"),
    sort: z.enum(suggestionSorts).optional().describe('recent (default) or supports: most supported first'),
  })
  .strict();
export type ListSuggestionsQuery = z.infer<typeof listSuggestionsQuery>;
export const exportSuggestionsQuery = listSuggestionsQuery.omit({ limit: true, cursor: true, mine: true });

export const unionsReply = z.object({
  items: z.array(ref).describe("the member's union first, then those above it"),
  nextCursor: z.string().nullable().describe('always null: the whole list in one page'),
});

export const supportReply = z.object({ supportCount: z.number().int() });

// ——— 会员评家 union reviews ———

const isoTime = z.iso.datetime({ offset: true });

/** 会员评家: what members are asked when staff name no questions (Pinghu's campaign asked about these). */
export const defaultReviewQuestions = [
  '工会组织建设和班子作风',
  '维护职工合法权益',
  '困难帮扶和服务职工',
  '职工文体活动和素质提升',
  '对工会工作的总体评价',
];

export const createReviewBody = z
  .object({
    orgId: z.uuid().describe('the union running it: members of its subtree answer'),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).optional(),
    questions: z
      .array(
        z.union([
          z.object({ text: z.string().trim().min(1).max(300) }).strict(),
          z
            .string()
            .trim()
            .min(1)
            .max(300)
            .transform((text) => ({ text })),
        ]),
      )
      .min(1)
      .max(20)
      .default(defaultReviewQuestions.map((text) => ({ text })))
      .describe('each `{text}` (or the text alone); default the five questions of a 会员评家 campaign'),
    opensAt: isoTime.optional().describe('default now'),
    closesAt: isoTime.optional().describe('default 30 days after it opens'),
  })
  .strict()
  .refine(
    (v) =>
      !v.opensAt ||
      !v.closesAt ||
      Number.isNaN(Date.parse(v.opensAt)) ||
      Date.parse(v.closesAt) > Date.parse(v.opensAt),
    { path: ['closesAt'], message: 'invalid' },
  );

export const questionView = z.object({ id: z.uuid(), position: z.number().int(), text: z.string() });

export const reviewView = z.object({
  id: z.uuid(),
  org: ref,
  title: z.string(),
  description: z.string().nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  open: z.boolean().describe('answers are taken now'),
  questions: z.array(questionView),
  responseCount: z.number().int().optional().describe('staff'),
  respondedByMe: z.boolean().optional().describe('members'),
  createdAt: z.string(),
});
export const reviewPage = pageOf(reviewView);
export const listReviewsQuery = pageQuery
  .extend({ orgId: z.uuid().optional().describe("staff: the subtree (default the caller's)") })
  .strict();
export const myReviewsQuery = pageQuery.strict();

export const respondBody = z
  .object({
    answers: z
      .array(z.object({ questionId: z.uuid(), rating: z.enum(reviewRatings) }).strict())
      .min(1)
      .max(20),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();

export const responseReply = z.object({
  id: z.uuid(),
  reviewId: z.uuid(),
  org: ref.describe("the member's union when answering"),
  createdAt: z.string(),
});

export const resultQuery = z
  .object({ orgId: z.uuid().optional().describe("the subtree to count (default the review's union)") })
  .strict();

const rateFields = {
  answers: z.number().int().describe('answers given (responses × questions)'),
  satisfied: z.number().int(),
  fairlySatisfied: z.number().int(),
  dissatisfied: z.number().int(),
  satisfactionRate: z
    .number()
    .nullable()
    .describe('(satisfied + fairly satisfied) / answers, 0..1; null without answers'),
};

const tally = z.object({
  members: z.number().int().describe('members of the subtree now'),
  responses: z.number().int(),
  participationRate: z.number().nullable().describe('responses / members, 0..1; null without members'),
  ...rateFields,
});

export const resultView = z.object({
  review: z.object({ id: z.uuid(), title: z.string(), open: z.boolean() }),
  org: ref.describe('the subtree counted'),
  overall: tally,
  questions: z.array(questionView.extend(rateFields)),
  children: z
    .array(tally.extend({ org: ref, hasChildren: z.boolean() }))
    .describe('the same for each union directly below `org`, to drill down'),
});

export const commentsQuery = pageQuery.extend({ orgId: z.uuid().optional() }).strict();
export const commentPage = pageOf(
  z.object({ comment: z.string(), org: ref.describe("the answering member's union"), createdAt: z.string() }),
);
