import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
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
import { orgs, staff, workerAccounts } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';

/**
 * A public poll 网络投票 (最美劳动者, 货车司机之星): entries voted on by the members of `org_id`'s subtree from `starts_at`
 * until (not including) `ends_at`, each member at most `ballots_per_member_per_day` ballots a day (Asia/Shanghai) and at
 * most `per_entry_per_day` of them for one entry. A finalist round is a poll of its own whose entries are the top N of
 * `previous_poll_id`'s (one finalist round per poll).
 */
export const polls = pgTable(
  'polls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    description: text('description'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    ballotsPerMemberPerDay: integer('ballots_per_member_per_day').notNull(),
    perEntryPerDay: integer('per_entry_per_day').notNull(),
    /** Round 1, or the round after `previous_poll_id`'s. */
    round: integer('round').notNull().default(1),
    previousPollId: uuid('previous_poll_id'),
    createdBy: uuid('created_by').references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('polls_org_idx').on(t.orgId, t.startsAt),
    uniqueIndex('polls_previous_uq').on(t.previousPollId),
    check('polls_window_ck', sql`${t.endsAt} > ${t.startsAt}`),
    check('polls_limits_ck', sql`${t.ballotsPerMemberPerDay} >= 1 and ${t.perEntryPerDay} >= 1`),
  ],
);

/**
 * An entry of a poll: added by staff (live at once) or nominated by a member (pending until staff approve or reject it,
 * polls.workflow.ts: only the workflow engine writes `status`). A finalist entry names the entry of the round before.
 */
export const pollEntries = pgTable(
  'poll_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id),
    title: text('title').notNull(),
    description: text('description'),
    /** Uploaded photos (POST /api/v1/polls/photos), in the order given. */
    photoIds: uuid('photo_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    nominatedBy: uuid('nominated_by').references(() => members.id),
    /** The nominating member's account (notified of the decision). */
    nominatorAccountId: uuid('nominator_account_id').references(() => workerAccounts.id),
    addedBy: uuid('added_by').references(() => staff.id),
    sourceEntryId: uuid('source_entry_id'),
    status: text('status').notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('poll_entries_poll_idx').on(t.pollId, t.status, t.createdAt),
    index('poll_entries_nominator_idx').on(t.nominatedBy),
  ],
);

/**
 * The live vote count of each entry, kept in shards: each batch of ballots adds to the shard of its lane, so two batches
 * in flight do not wait on one hot row. An entry's votes are the sum of its shards; voiding ballots subtracts here.
 */
export const pollEntryVotes = pgTable(
  'poll_entry_votes',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => pollEntries.id),
    shard: smallint('shard').notNull(),
    votes: bigint('votes', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.shard] })],
);

/**
 * Every ballot cast: who, for which entry, on which Shanghai day, from which client address, and whether the account
 * had been created shortly before (a burst of those is flagged). A voided ballot (staff, on a flag) no longer counts.
 */
export const pollBallots = pgTable(
  'poll_ballots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    pollId: uuid('poll_id').notNull(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => pollEntries.id),
    memberId: uuid('member_id').notNull(),
    accountId: uuid('account_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull(),
    address: text('address').notNull(),
    newAccount: boolean('new_account').notNull(),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidFlagId: uuid('void_flag_id'),
  },
  (t) => [index('poll_ballots_entry_idx').on(t.pollId, t.entryId, t.castAt)],
);

/**
 * A member's ballots of one Shanghai day in one poll: the total and, by entry id, how many went to each. The daily
 * limits are checked against this row, which each batch of ballots locks first (an upsert), so two batches, or two
 * server processes, serving the same member take turns and the counts they read are the committed ones.
 */
export const pollMemberDays = pgTable(
  'poll_member_days',
  {
    pollId: uuid('poll_id').notNull(),
    memberId: uuid('member_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    votes: integer('votes').notNull(),
    byEntry: jsonb('by_entry').$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.memberId, t.day] })],
);

/**
 * Ballots for one entry in one minute (`window_start`: the minute's bucket; rows of before 2026-11-28 hold ten-minute
 * windows), from one client address (`kind` address) or from accounts created shortly before their ballot (`kind`
 * new_accounts, `address` ''): flags are raised on their sums over a sliding ten minutes (polls.ballots.ts).
 */
export const pollBursts = pgTable(
  'poll_bursts',
  {
    pollId: uuid('poll_id').notNull(),
    entryId: uuid('entry_id').notNull(),
    kind: text('kind').notNull(),
    address: text('address').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    /** The batch lane that counted them (as poll_entry_votes' shards): two batches in flight never share a row. */
    shard: smallint('shard').notNull(),
    ballots: integer('ballots').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.entryId, t.kind, t.address, t.windowStart, t.shard] })],
);

/**
 * A suspicious burst flagged for staff: its ballots still count until staff void them (`voided`) or dismiss the flag
 * (polls.workflow.ts: pollFlagWorkflow).
 */
export const pollFlags = pgTable(
  'poll_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => pollEntries.id),
    kind: text('kind').notNull(),
    address: text('address').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
    /** The ballots counted in the window when the flag was raised (the threshold crossed). */
    ballotsAtFlag: integer('ballots_at_flag').notNull(),
    voidedBallots: integer('voided_ballots'),
    status: text('status').notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('poll_flags_burst_uq').on(t.pollId, t.entryId, t.kind, t.address, t.windowStart),
    index('poll_flags_poll_idx').on(t.pollId, t.status, t.createdAt),
  ],
);
