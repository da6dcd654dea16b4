import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs, workerAccounts } from '../../kernel/db/kernel.tables.js';

/** The member registry 会员库. Phone and ID number are stored encrypted, with a keyed hash for lookups. */
export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    phoneHash: text('phone_hash').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    idNumberHash: text('id_number_hash'),
    idNumberEnc: text('id_number_enc'),
    idNumberMasked: text('id_number_masked'),
    employer: text('employer'),
    occupation: text('occupation'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('members_phone_uq').on(t.phoneHash),
    uniqueIndex('members_id_number_uq').on(t.idNumberHash),
    index('members_org_idx').on(t.orgId, t.createdAt),
    index('members_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

/** Applications to join the union 入会申请, approved by the grassroots union through the workflow engine. */
export const membershipApplications = pgTable(
  'membership_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => workerAccounts.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    idNumberHash: text('id_number_hash'),
    idNumberEnc: text('id_number_enc'),
    idNumberMasked: text('id_number_masked'),
    employer: text('employer'),
    occupation: text('occupation'),
    status: text('status').notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    memberId: uuid('member_id').references(() => members.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('membership_applications_org_idx').on(t.orgId, t.status),
    index('membership_applications_account_idx').on(t.accountId),
  ],
);
