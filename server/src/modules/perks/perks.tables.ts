import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgs, staff } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';

/** 爱心商家: a partner shop that verifies vouchers; its staff hold the merchant role and are bound here. */
export const merchants = pgTable('merchants', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => orgs.id),
  name: text('name').notNull(),
  address: text('address'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const merchantStaff = pgTable(
  'merchant_staff',
  {
    merchantId: uuid('merchant_id')
      .notNull()
      .references(() => merchants.id),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.staffId] }), uniqueIndex('merchant_staff_one_merchant').on(t.staffId)],
);

/** 抢兑: a fixed quantity of vouchers for the members of an org's subtree, in a time window. */
export const voucherCampaigns = pgTable(
  'voucher_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    quantity: integer('quantity').notNull(),
    remaining: integer('remaining').notNull(),
    perMemberLimit: integer('per_member_limit').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    faceValueFen: integer('face_value_fen'),
    merchantId: uuid('merchant_id').references(() => merchants.id),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('voucher_campaigns_org_idx').on(t.orgId, t.startsAt),
    // The last line of defence against overselling: the database itself refuses a negative stock.
    check('voucher_campaigns_stock', sql`${t.remaining} >= 0 and ${t.remaining} <= ${t.quantity}`),
  ],
);

export const vouchers = pgTable(
  'vouchers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => voucherCampaigns.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    code: text('code').notNull(),
    state: text('state').$type<'issued' | 'redeemed'>().notNull().default('issued'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
    redeemedBy: uuid('redeemed_by'),
  },
  (t) => [uniqueIndex('vouchers_code_uq').on(t.code), index('vouchers_member_idx').on(t.memberId, t.campaignId)],
);

/** 爱心早餐: a worker enrolled by a union gets one free breakfast a day at any of its partner shops. */
export const breakfastEnrolments = pgTable(
  'breakfast_enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    /** The union running the programme; its partner shops (and its ancestors') serve the card. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    cardCode: text('card_code').notNull(),
    enrolledBy: uuid('enrolled_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('breakfast_enrolments_member_uq').on(t.memberId),
    uniqueIndex('breakfast_enrolments_card_uq').on(t.cardCode),
  ],
);

export const breakfastPartners = pgTable('breakfast_partners', {
  merchantId: uuid('merchant_id')
    .primaryKey()
    .references(() => merchants.id),
  orgId: uuid('org_id')
    .notNull()
    .references(() => orgs.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per breakfast served; the unique (card, day) makes "one a day" hold under any concurrency. */
export const breakfastServings = pgTable(
  'breakfast_servings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => breakfastEnrolments.id),
    merchantId: uuid('merchant_id')
      .notNull()
      .references(() => merchants.id),
    servedOn: date('served_on').notNull(),
    servedAt: timestamp('served_at', { withTimezone: true }).notNull().defaultNow(),
    servedBy: uuid('served_by').notNull(),
  },
  (t) => [
    uniqueIndex('breakfast_servings_once_a_day').on(t.enrolmentId, t.servedOn),
    index('breakfast_servings_merchant_idx').on(t.merchantId, t.servedOn),
  ],
);
