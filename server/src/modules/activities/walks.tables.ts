import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgs, staff } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';

/** Where a day's count came from: typed by the member, or read from the phone's step counter by the app's shell. */
export const stepSources = ['typed', 'device'] as const;
export type StepSource = (typeof stepSources)[number];

/**
 * 健步走: a union's walking challenge over a run of Shanghai calendar days. Members of its subtree record each day's
 * steps; the leaderboards rank members and the union's child unions (average steps per participating member).
 */
export const walkChallenges = pgTable(
  'walk_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The union running it: members of its subtree take part. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    /** The first and last day (Asia/Shanghai), both included. */
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** A day's target shown to members (每日目标); it ranks nothing. */
    dailyGoalSteps: integer('daily_goal_steps'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('walk_challenges_org_idx').on(t.orgId, t.createdAt),
    check('walk_challenges_days_ck', sql`${t.endsOn} >= ${t.startsOn}`),
    check('walk_challenges_goal_ck', sql`${t.dailyGoalSteps} is null or ${t.dailyGoalSteps} > 0`),
  ],
);

/**
 * One member's steps on one day of a challenge: the primary key makes it one row, which a later PUT replaces. The
 * member's union when recording is kept on the row: the leaderboard by union counts the day there.
 */
export const walkDays = pgTable(
  'walk_days',
  {
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => walkChallenges.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    day: date('day').notNull(),
    steps: integer('steps').notNull(),
    source: text('source').$type<StepSource>().notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.challengeId, t.memberId, t.day] }),
    index('walk_days_day_idx').on(t.challengeId, t.day),
    check('walk_days_steps_ck', sql`${t.steps} between 0 and 100000`),
  ],
);
