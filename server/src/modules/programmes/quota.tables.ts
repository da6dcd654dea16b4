import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';
import { programmes } from './programmes.tables.js';
import type { HonourLevel } from './quota.schemas.js';
import type { SignupState } from './quota.workflow.js';

/**
 * 名额报名: one member's signup for a place in a quota programme (劳模疗休养, 免费体检), on the workflow engine. The
 * allocation ranks the signups (`rank`) and gives the first the places 1..N (`place_no`); the rest wait in rank order.
 */
export const programmeSignups = pgTable(
  'programme_signups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    /** The member's union when signing up: who may see the signup (its subtree's staff). */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    honourLevel: text('honour_level').$type<HonourLevel>(),
    frontLine: boolean('front_line').notNull(),
    /** Never attended a programme of the same kind: decided by the allocation, kept to show why the order is so. */
    firstTime: boolean('first_time'),
    /** The order of arrival, from one sequence: "first come" even when the clock gives two signups the same time. */
    arrival: integer('arrival').generatedAlwaysAsIdentity().notNull(),
    /** The place in the allocation's order (1 first), among all the programme's signups ever ranked. */
    rank: integer('rank'),
    /** The place held, 1..places: no two signups of a programme hold the same one. */
    placeNo: integer('place_no'),
    status: text('status').$type<SignupState>().notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One signup per member and programme; a withdrawn one (before the allocation) frees it.
    uniqueIndex('programme_signups_once_uq')
      .on(t.programmeId, t.memberId)
      .where(sql`${t.status} <> 'withdrawn'`),
    uniqueIndex('programme_signups_place_uq')
      .on(t.programmeId, t.placeNo)
      .where(sql`${t.placeNo} is not null`),
    uniqueIndex('programme_signups_rank_uq')
      .on(t.programmeId, t.rank)
      .where(sql`${t.rank} is not null`),
    index('programme_signups_queue_idx').on(t.programmeId, t.status, t.rank),
    index('programme_signups_member_idx').on(t.memberId, t.status),
  ],
);
