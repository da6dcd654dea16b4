import { boolean, date, index, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { files, orgs } from '../../kernel/db/kernel.tables.js';
import type { proposalCategories, proposalCosignerStatuses } from '../../../../shared/labels.js';
import { congresses, congressRepresentatives } from './congresses.tables.js';
import type { ProposalState } from './proposals.workflow.js';

/**
 * 提案: a representative's proposal to their congress, and its closed loop (proposals.workflow.ts): the committee's
 * review, the handling body and its due date, an outside platform's referral, the answer and the proposer's rating.
 * `status`, `status_changed_at` and `due_at` are written by the workflow engine only.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    congressId: uuid('congress_id')
      .notNull()
      .references(() => congresses.id),
    /** The representative row of the proposer (提案人): stays theirs if they are later removed from the term. */
    proposerId: uuid('proposer_id')
      .notNull()
      .references(() => congressRepresentatives.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: text('category').$type<(typeof proposalCategories)[number]>().notNull(),
    status: text('status').$type<ProposalState>().notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull(),
    /** While `assigned`: the end of the Shanghai day handling is due (the engine's deadline). */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** The committee's reason of the last return or rejection. */
    reviewReason: text('review_reason'),
    /** 承办单位: an org of the congress's subtree. */
    handlerOrgId: uuid('handler_org_id').references(() => orgs.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    /** 基层治理四平台, 12345 …: where a matter the union cannot handle went, and its reference there. */
    externalPlatform: text('external_platform'),
    externalRef: text('external_ref'),
    referredAt: timestamp('referred_at', { withTimezone: true }),
    reply: text('reply'),
    replySource: text('reply_source').$type<'handler' | 'external'>(),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    /** Handling reopens once, on the first dissatisfied rating. */
    reopenCount: smallint('reopen_count').notNull().default(0),
    ratingScore: smallint('rating_score'),
    ratingSatisfied: boolean('rating_satisfied'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('proposals_congress_idx').on(t.congressId, t.createdAt),
    index('proposals_proposer_idx').on(t.proposerId, t.createdAt),
    index('proposals_handler_idx').on(t.handlerOrgId, t.status),
    index('proposals_due_idx').on(t.status, t.dueAt),
  ],
);

/** 附议代表: representatives of the same congress the proposer named, and their answer. */
export const proposalCosigners = pgTable(
  'proposal_cosigners',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id),
    representativeId: uuid('representative_id')
      .notNull()
      .references(() => congressRepresentatives.id),
    status: text('status').$type<(typeof proposalCosignerStatuses)[number]>().notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.representativeId] }),
    index('proposal_cosigners_representative_idx').on(t.representativeId),
  ],
);

export const proposalAttachments = pgTable(
  'proposal_attachments',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.fileId] })],
);

/**
 * 督办 reminders sent to the handling body: one per (proposal, kind, Shanghai date), so a sweep run again — or by
 * another server process — never sends one twice.
 */
export const proposalReminders = pgTable(
  'proposal_reminders',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id),
    kind: text('kind').$type<'due_tomorrow' | 'due_today'>().notNull(),
    onDate: date('on_date').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.kind, t.onDate] })],
);
