import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { files, orgs, staff } from '../../kernel/db/kernel.tables.js';
import { congresses, congressRepresentatives } from './congresses.tables.js';
import type { BallotChoice } from './motions.rule.js';

/**
 * A motion (议案 / 表决事项) put to a congress term, e.g. a resettlement plan (职工安置方案) with its document. Open for
 * ballots from `opens_at` until `closes_at` (when set) or until staff close it; closing fixes the result (the
 * `result_*` columns, counted at that moment) and publishes it as a disclosure (厂务公开).
 */
export const motions = pgTable(
  'motions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    congressId: uuid('congress_id')
      .notNull()
      .references(() => congresses.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    documentFileId: uuid('document_file_id').references(() => files.id),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** When the representatives were told it is open (at creation when it opens at once, else by the sweep). */
    announcedAt: timestamp('announced_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => staff.id),
    /** The result fixed at close: the counts, and every active representative of the congress at that moment. */
    resultFor: integer('result_for'),
    resultAgainst: integer('result_against'),
    resultAbstain: integer('result_abstain'),
    resultRepresentatives: integer('result_representatives'),
  },
  (t) => [index('motions_congress_idx').on(t.congressId, t.createdAt)],
);

/**
 * A representative's ballot, once per motion (the primary key). Secret toward other members: only its representative
 * reads its choice; staff read the counts and who voted.
 */
export const motionBallots = pgTable(
  'motion_ballots',
  {
    motionId: uuid('motion_id')
      .notNull()
      .references(() => motions.id),
    representativeId: uuid('representative_id')
      .notNull()
      .references(() => congressRepresentatives.id),
    choice: text('choice').$type<BallotChoice>().notNull(),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.motionId, t.representativeId] })],
);

/**
 * 厂务公开: a motion's result as published, never updated. `content` is the exact text published (no names);
 * `content_hash` is sha256(prev_hash ‖ "\n" ‖ content) and `prev_hash` the previous disclosure's hash on the same
 * org's board: one chain per congress's org, across its terms.
 */
export const motionDisclosures = pgTable(
  'motion_disclosures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    motionId: uuid('motion_id')
      .notNull()
      .references(() => motions.id),
    seq: integer('seq').notNull(),
    content: text('content').notNull(),
    contentHash: text('content_hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [
    uniqueIndex('motion_disclosures_seq_uq').on(t.orgId, t.seq),
    uniqueIndex('motion_disclosures_motion_uq').on(t.motionId),
  ],
);
