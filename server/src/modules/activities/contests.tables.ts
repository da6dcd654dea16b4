import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { files, orgs, staff } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';

/** A contest's states: taking entries, being judged (entries assigned to judges), judging closed (scores final). */
export const contestStates = ['open', 'judging', 'closed'] as const;
export type ContestState = (typeof contestStates)[number];

/** The award tiers (一等奖, 二等奖, 三等奖, 优秀奖). */
export const contestAwards = ['first', 'second', 'third', 'excellence'] as const;
export type ContestAward = (typeof contestAwards)[number];

export interface ContestCategory {
  key: string;
  label: string;
}

export interface RubricCriterion {
  criterion: string;
  /** Relative weight: the totals divide by the sum of the weights (contests.scoring.ts). */
  weight: number;
  maxScore: number;
}

export interface CriterionScore {
  criterion: string;
  score: number;
}

/**
 * An innovation contest (五小: 小发明 小创造 小革新 小设计 小建议; 云创客) run by a union for its subtree, submitted and
 * judged online (网报网评): categories, a rubric, entries, judges and their scores (contests.service.ts).
 */
export const contests = pgTable(
  'contests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The organising union: members of its subtree enter, its officers run it. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    description: text('description'),
    categories: jsonb('categories').$type<ContestCategory[]>().notNull(),
    rubric: jsonb('rubric').$type<RubricCriterion[]>().notNull(),
    judgesPerEntry: integer('judges_per_entry').notNull(),
    submissionsOpenAt: timestamp('submissions_open_at', { withTimezone: true }),
    submissionsCloseAt: timestamp('submissions_close_at', { withTimezone: true }),
    status: text('status').$type<ContestState>().notNull(),
    judgingOpenedAt: timestamp('judging_opened_at', { withTimezone: true }),
    judgingClosedAt: timestamp('judging_closed_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('contests_org_idx').on(t.orgId, t.createdAt),
    check('contests_judges_per_entry_ck', sql`${t.judgesPerEntry} >= 3`),
  ],
);

/**
 * An entry (作品): a member's own (alone or for a team they name), or one staff entered for a workplace of the subtree
 * (a workshop's team). `org_id` is the entrant's union: the conflict rule (回避) compares it with each judge's.
 */
export const contestEntries = pgTable(
  'contest_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contestId: uuid('contest_id')
      .notNull()
      .references(() => contests.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** The member who entered it (null: entered by staff for a workplace). */
    memberId: uuid('member_id').references(() => members.id),
    /** The member's app account, to tell them of their award. */
    accountId: uuid('account_id'),
    enteredByStaffId: uuid('entered_by_staff_id').references(() => staff.id),
    /** The member's name, or the workplace staff named (第三车间创新小组). */
    entrantName: text('entrant_name').notNull(),
    teamName: text('team_name'),
    teamMembers: text('team_members').array().notNull(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull(),
    award: text('award').$type<ContestAward>(),
    awardedAt: timestamp('awarded_at', { withTimezone: true }),
    /** The certificate's verification code (GET /api/v1/public/certificates/{code}), set with the award. */
    certificateCode: text('certificate_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('contest_entries_contest_idx').on(t.contestId, t.createdAt),
    index('contest_entries_member_idx').on(t.memberId, t.createdAt),
    uniqueIndex('contest_entries_certificate_uq').on(t.certificateCode),
  ],
);

/** An entry's documents and photos, uploaded through POST /api/v1/contest-files before it is submitted. */
export const contestEntryFiles = pgTable(
  'contest_entry_files',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => contestEntries.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.fileId] }), uniqueIndex('contest_entry_files_file_uq').on(t.fileId)],
);

/** The judges (评委) of a contest: staff holding the judge role, named by its officers. */
export const contestJudges = pgTable(
  'contest_judges',
  {
    contestId: uuid('contest_id')
      .notNull()
      .references(() => contests.id),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.staffId] })],
);

/**
 * One judge's assignment to one entry, and their scores once given: per criterion, the weighted total (0..100) the
 * ranking averages, and an optional comment. A judge replaces their scores freely until judging closes.
 */
export const contestAssignments = pgTable(
  'contest_assignments',
  {
    contestId: uuid('contest_id')
      .notNull()
      .references(() => contests.id),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => contestEntries.id),
    judgeStaffId: uuid('judge_staff_id')
      .notNull()
      .references(() => staff.id),
    scores: jsonb('scores').$type<CriterionScore[]>(),
    total: doublePrecision('total'),
    comment: text('comment'),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.judgeStaffId] }),
    index('contest_assignments_judge_idx').on(t.judgeStaffId, t.contestId),
    index('contest_assignments_contest_idx').on(t.contestId),
    check('contest_assignments_total_ck', sql`${t.total} is null or (${t.total} >= 0 and ${t.total} <= 100)`),
  ],
);
