import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { files, orgs, staff, workerAccounts } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';
import type { ProgrammeKind } from './programmes.schemas.js';
import type { ApplicationState } from './programmes.workflow.js';

/** 补助项目: a programme that pays members of `org_id`'s subtree (劳模三金, 金秋助学, 勤工俭学, 医疗互助…). */
export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    kind: text('kind').$type<ProgrammeKind>().notNull(),
    title: text('title').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    /** Parsed by `programmeRules` (programmes.schemas.ts) on every read and write. */
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('programmes_org_idx').on(t.orgId, t.createdAt)],
);

/** 补助申请: one member's application to a programme for one period, on the workflow engine. */
export const programmeApplications = pgTable(
  'programme_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    /** The member's union when applying: who may see the application (its subtree's staff). */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** `once`, `2026` or `2026-09` by the programme's rules: one application per member and period. */
    period: text('period').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** Where the money goes (收款账户): the bank's name, the account number encrypted and masked (…1234). */
    payeeBank: text('payee_bank'),
    payeeAccountEnc: text('payee_account_enc'),
    payeeAccountMasked: text('payee_account_masked'),
    /** The org reviewing each level, level 1 first (computed when the application is made). */
    reviewChain: uuid('review_chain').array().notNull(),
    status: text('status').$type<ApplicationState>().notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /**
     * What no two live applications of one member may share, across programmes (劳模三金: `model_worker_fund:<fund>:<year>`;
     * 金秋助学: the student and school year). Written by the kind's rules when the application is made.
     */
    exclusiveKey: text('exclusive_key'),
  },
  (t) => [
    // A rejected or withdrawn application frees its period; any other blocks a second one.
    uniqueIndex('programme_applications_once_uq')
      .on(t.programmeId, t.memberId, t.period)
      .where(sql`${t.status} not in ('rejected', 'withdrawn')`),
    // The same, across programmes, for what the kind's rules name (the same fund in a year: once).
    uniqueIndex('programme_applications_exclusive_uq')
      .on(t.memberId, t.exclusiveKey)
      .where(sql`${t.exclusiveKey} is not null and ${t.status} not in ('rejected', 'withdrawn')`),
    index('programme_applications_programme_idx').on(t.programmeId, t.status, t.createdAt),
    index('programme_applications_member_idx').on(t.memberId, t.createdAt),
    index('programme_applications_org_idx').on(t.orgId, t.createdAt),
  ],
);

export const programmeApplicationAttachments = pgTable(
  'programme_application_attachments',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => programmeApplications.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.fileId] })],
);

/**
 * 公示: a published notice, never updated. `content` is the exact text published; `content_hash` is
 * sha256(prev_hash ‖ content), and `prev_hash` the programme's previous notice's hash: a chain per programme.
 */
export const programmeNotices = pgTable(
  'programme_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    /** The publicity level (1: the programme's organisation) and the org whose notice board it is on. */
    level: smallint('level').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    seq: integer('seq').notNull(),
    content: text('content').notNull(),
    contentHash: text('content_hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [uniqueIndex('programme_notices_seq_uq').on(t.programmeId, t.seq)],
);

/** Which application each entry of a notice is. */
export const programmeNoticeEntries = pgTable(
  'programme_notice_entries',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => programmeNotices.id),
    entryNo: integer('entry_no').notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => programmeApplications.id),
  },
  (t) => [
    primaryKey({ columns: [t.noticeId, t.entryNo] }),
    uniqueIndex('programme_notice_entries_application_uq').on(t.noticeId, t.applicationId),
    index('programme_notice_entries_application_idx').on(t.applicationId),
  ],
);

/** 异议: a signed-in worker's objection to a notice (or one entry of it); approval waits for its answer. */
export const programmeObjections = pgTable(
  'programme_objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => programmeNotices.id),
    entryNo: integer('entry_no'),
    objectorId: uuid('objector_id')
      .notNull()
      .references(() => workerAccounts.id),
    content: text('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => staff.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [index('programme_objections_notice_idx').on(t.noticeId, t.createdAt)],
);

/** 发放批次: approved, unpaid applications of a programme gathered into one bank transfer file (next slice). */
export const disbursementBatches = pgTable(
  'disbursement_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('disbursement_batches_programme_idx').on(t.programmeId, t.createdAt)],
);

/** One payment per approved application, ever: the unique index is what "money never goes out twice" rests on. */
export const programmePayments = pgTable(
  'programme_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => disbursementBatches.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => programmeApplications.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    status: text('status').$type<'pending' | 'paid' | 'failed'>().notNull(),
    /** 1 for the first batch; a failed payment re-issued in a later batch counts up (the row moves, never doubles). */
    attempt: integer('attempt').notNull(),
    failureReason: text('failure_reason'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('programme_payments_application_uq').on(t.applicationId),
    // The batch's rows in id order, page by page (screens and the bank file).
    index('programme_payments_batch_idx').on(t.batchId, t.id),
  ],
);
