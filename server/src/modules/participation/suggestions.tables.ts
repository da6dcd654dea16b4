import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { reviewRatings } from '../../../../shared/labels.js';
import { orgs, staff } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';

/**
 * 职工事大家议: a member's suggestion posted to their union or one above it. Other members of the unions below
 * `org_id` see it and support it once each; the union's participation officers answer it (suggestions.workflow.ts).
 */
export const suggestions = pgTable(
  'suggestions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The union it is addressed to: the author's own or an ancestor of it. Staff of this subtree handle it. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    authorMemberId: uuid('author_member_id')
      .notNull()
      .references(() => members.id),
    /** The author's union when posting. */
    authorOrgId: uuid('author_org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** How many members support it: kept with the supports in one transaction (one row there, +1 here). */
    supportCount: integer('support_count').notNull().default(0),
    reply: text('reply'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    repliedBy: uuid('replied_by').references(() => staff.id),
    /** The proposal that took it up (set by the proposals part through takeUpSuggestion). */
    proposalId: uuid('proposal_id'),
    /** The proposal the committee converted into this suggestion (openSuggestionFromProposal). */
    sourceProposalId: uuid('source_proposal_id'),
    status: text('status').notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('suggestions_org_idx').on(t.orgId, t.createdAt),
    index('suggestions_author_idx').on(t.authorMemberId, t.createdAt),
    index('suggestions_support_idx').on(t.orgId, t.supportCount),
    check('suggestions_support_count_ck', sql`${t.supportCount} >= 0`),
  ],
);

/** One member's support of a suggestion: the primary key makes it once, whatever the concurrency. */
export const suggestionSupports = pgTable(
  'suggestion_supports',
  {
    suggestionId: uuid('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.suggestionId, t.memberId] })],
);

/** 会员评家: a union's review campaign; members of its subtree answer it once, within its window. */
export const unionReviews = pgTable(
  'union_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    description: text('description'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('union_reviews_org_idx').on(t.orgId, t.createdAt),
    check('union_reviews_window_ck', sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

export const unionReviewQuestions = pgTable(
  'union_review_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => unionReviews.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('union_review_questions_position_uq').on(t.reviewId, t.position)],
);

/** One member's answer to a review: UNIQUE (review, member) → 409 ALREADY_RESPONDED, whatever the concurrency. */
export const unionReviewResponses = pgTable(
  'union_review_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => unionReviews.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    /** The member's union when answering: the results count the response there. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('union_review_responses_member_uq').on(t.reviewId, t.memberId),
    index('union_review_responses_org_idx').on(t.reviewId, t.orgId),
  ],
);

export const unionReviewAnswers = pgTable(
  'union_review_answers',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => unionReviewResponses.id),
    questionId: uuid('question_id')
      .notNull()
      .references(() => unionReviewQuestions.id),
    rating: text('rating').$type<(typeof reviewRatings)[number]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionId] })],
);
