import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs, staff } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';

/**
 * 先进评选: a union's yearly award selection (最美劳动者, 三晋工匠…) with a quota. Its stage follows from its columns:
 * nominating (no poll, no publicity), voting (`poll_id`: the public vote, a poll of the polls part), publicity
 * (`publicity_starts_at`: 公示 until `publicity_ends_at`), awarded (`awarded_at`). Nominations go through
 * awards.workflow.ts.
 */
export const awardSelections = pgTable(
  'award_selections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    quota: integer('quota').notNull(),
    description: text('description'),
    nominationClosesAt: timestamp('nomination_closes_at', { withTimezone: true }).notNull(),
    pollId: uuid('poll_id'),
    publicityStartsAt: timestamp('publicity_starts_at', { withTimezone: true }),
    publicityEndsAt: timestamp('publicity_ends_at', { withTimezone: true }),
    awardedAt: timestamp('awarded_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('award_selections_org_idx').on(t.orgId, t.createdAt),
    check('award_selections_quota_ck', sql`${t.quota} >= 1`),
  ],
);

/**
 * A nomination: by a union's staff (`union`), by the nominee themself (`self`) or by a colleague (`peer`), with the
 * nominee's deeds (事迹) and photos. `org_id`: the nominee's union. `votes`: the public vote's count, kept when the
 * publicity opens.
 */
export const awardNominations = pgTable(
  'award_nominations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    selectionId: uuid('selection_id')
      .notNull()
      .references(() => awardSelections.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    nomineeName: text('nominee_name').notNull(),
    /** The nominee's member record when they nominated themself. */
    nomineeMemberId: uuid('nominee_member_id').references(() => members.id),
    position: text('position').notNull(),
    deeds: text('deeds').notNull(),
    photoIds: uuid('photo_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    source: text('source').$type<'union' | 'self' | 'peer'>().notNull(),
    nominatedByStaff: uuid('nominated_by_staff').references(() => staff.id),
    nominatedByMember: uuid('nominated_by_member').references(() => members.id),
    pollEntryId: uuid('poll_entry_id'),
    votes: integer('votes'),
    status: text('status').notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('award_nominations_selection_idx').on(t.selectionId, t.createdAt),
    index('award_nominations_member_idx').on(t.nominatedByMember),
    // A member nominates themself once per selection.
    uniqueIndex('award_nominations_self_uq').on(t.selectionId, t.nomineeMemberId),
  ],
);

/**
 * An objection (异议) to a nomination under publicity: by a member, once per nomination; staff resolve it — upheld
 * (the nomination is revoked) or dismissed.
 */
export const awardObjections = pgTable(
  'award_objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    nominationId: uuid('nomination_id')
      .notNull()
      .references(() => awardNominations.id),
    selectionId: uuid('selection_id')
      .notNull()
      .references(() => awardSelections.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    content: text('content').notNull(),
    resolution: text('resolution').$type<'upheld' | 'dismissed'>(),
    resolutionNote: text('resolution_note'),
    resolvedBy: uuid('resolved_by').references(() => staff.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('award_objections_member_uq').on(t.nominationId, t.memberId),
    index('award_objections_selection_idx').on(t.selectionId, t.createdAt),
  ],
);
