import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs, staff } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';
import type { CongressKind, CongressStatus, RepresentativeStatus } from './congresses.schemas.js';

/**
 * One term (届次) of a representatives' congress of a union: 会员代表大会 of a federation or union, or 职工代表大会 of
 * an enterprise. Its representatives, proposals, motions and scores hang off it; archiving the term freezes them.
 */
export const congresses = pgTable(
  'congresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    kind: text('kind').$type<CongressKind>().notNull(),
    name: text('name').notNull(),
    termStartsOn: date('term_starts_on').notNull(),
    termEndsOn: date('term_ends_on').notNull(),
    status: text('status').$type<CongressStatus>().notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('congresses_org_idx').on(t.orgId, t.createdAt)],
);

/**
 * A representative (代表) of a congress term: a member of the congress's subtree, once per term. Removing one keeps
 * the row (their proposals, ballots and duties still name them) with status `removed`.
 */
export const congressRepresentatives = pgTable(
  'congress_representatives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    congressId: uuid('congress_id')
      .notNull()
      .references(() => congresses.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    /** 代表团 / 选区: the delegation the representative was elected in (a workshop, a district). */
    delegation: text('delegation'),
    status: text('status').$type<RepresentativeStatus>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('congress_representatives_member_uq').on(t.congressId, t.memberId),
    index('congress_representatives_member_idx').on(t.memberId),
  ],
);
