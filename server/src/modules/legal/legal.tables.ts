import { bigint, boolean, index, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { files, orgs, staff, workerAccounts } from '../../kernel/db/kernel.tables.js';
import type { caseCategories, caseKinds } from './legal.schemas.js';

/** 法律援助 / 劳动争议调解: a worker's case, routed to the centre serving the employer's region. */
export const legalCases = pgTable(
  'legal_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => workerAccounts.id),
    kind: text('kind').$type<(typeof caseKinds)[number]>().notNull(),
    category: text('category').$type<(typeof caseCategories)[number]>().notNull(),
    description: text('description').notNull(),
    amountClaimedFen: bigint('amount_claimed_fen', { mode: 'number' }),
    employerName: text('employer_name').notNull(),
    employerRegionCode: text('employer_region_code').notNull(),
    employerAddress: text('employer_address'),
    /** The centre (kind center) serving the region, or the federation whose queue holds it when none does. */
    centerId: uuid('center_id')
      .notNull()
      .references(() => orgs.id),
    routedToCenter: boolean('routed_to_center').notNull(),
    status: text('status').notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    firstContactDueAt: timestamp('first_contact_due_at', { withTimezone: true }).notNull(),
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    handlerId: uuid('handler_id').references(() => staff.id),
    amountRecoveredFen: bigint('amount_recovered_fen', { mode: 'number' }),
    referredTo: text('referred_to').$type<'arbitration' | 'court'>(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    ratingScore: smallint('rating_score'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('legal_cases_center_idx').on(t.centerId, t.status, t.createdAt),
    index('legal_cases_applicant_idx').on(t.applicantId, t.createdAt),
  ],
);

export const legalCaseAttachments = pgTable(
  'legal_case_attachments',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => legalCases.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.fileId] })],
);
