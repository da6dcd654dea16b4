import { sql } from 'drizzle-orm';
import {
  check,
  date,
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
import { orgs, staff } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';

/** One prize tier (一等奖…): a fixed number of places, or a share of the ranked entries (percent). */
export type PrizeTier = { name: string; count: number } | { name: string; percent: number };

/**
 * 技能大赛: a skills competition run by a union (`org_id`) for its subtree, with events (项目), the entries of the
 * unions' delegations, scores and prize tiers. Results are public once published, and final from then on.
 */
export const skillsCompetitions = pgTable(
  'skills_competitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    description: text('description'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** Members and officers register until then. */
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }).notNull(),
    /** In order, best first: each event's ranked entries fill them from the top (skills.ranking.ts). */
    prizeTiers: jsonb('prize_tiers').$type<PrizeTier[]>().notNull(),
    resultsPublishedAt: timestamp('results_published_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('skills_competitions_org_idx').on(t.orgId, t.createdAt),
    check('skills_competitions_dates_ck', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

/**
 * An event (项目: 电工, 焊工…): individual, or for teams of `min_team_size`..`max_team_size` members of one union.
 * Scores: a theory part (理论) weighted `theory_weight` percent and a practical part (实操) the rest; an event with
 * weight 0 takes a single (practical) score.
 */
export const skillsEvents = pgTable(
  'skills_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    competitionId: uuid('competition_id')
      .notNull()
      .references(() => skillsCompetitions.id),
    name: text('name').notNull(),
    kind: text('kind').$type<'individual' | 'team'>().notNull(),
    minTeamSize: integer('min_team_size').notNull(),
    maxTeamSize: integer('max_team_size').notNull(),
    theoryWeight: integer('theory_weight').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('skills_events_name_uq').on(t.competitionId, t.name),
    check('skills_events_weight_ck', sql`${t.theoryWeight} between 0 and 100`),
    check('skills_events_size_ck', sql`${t.minTeamSize} >= 1 and ${t.maxTeamSize} >= ${t.minTeamSize}`),
  ],
);

/**
 * An entry in an event: one contestant, or a team, of one union (its delegation 代表队: `org_id`). Scores in
 * hundredths of a point (0–10000 each), the total computed from them with the event's weights when they are entered.
 */
export const skillsEntries = pgTable(
  'skills_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => skillsEvents.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** A team's name; null for an individual entry. */
    teamName: text('team_name'),
    registeredBy: text('registered_by').$type<'member' | 'staff'>().notNull(),
    theoryScore: integer('theory_score'),
    practicalScore: integer('practical_score'),
    totalScore: integer('total_score'),
    scoredBy: uuid('scored_by').references(() => staff.id),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('skills_entries_event_idx').on(t.eventId, t.createdAt),
    check(
      'skills_entries_scores_ck',
      sql`coalesce(${t.theoryScore}, 0) between 0 and 10000 and coalesce(${t.practicalScore}, 0) between 0 and 10000`,
    ),
  ],
);

/** The contestants of an entry: UNIQUE (event, member) makes a member enter an event once, whatever the concurrency. */
export const skillsContestants = pgTable(
  'skills_contestants',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => skillsEntries.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => skillsEvents.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.memberId] }),
    uniqueIndex('skills_contestants_event_member_uq').on(t.eventId, t.memberId),
    index('skills_contestants_member_idx').on(t.memberId),
  ],
);
