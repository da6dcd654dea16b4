import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  aidKinds,
  aidSeasons,
  hardshipCauses,
  hardshipChannels,
  hardshipLevels,
  visitSubjects,
} from '../../../../shared/labels.js';
import { files, orgs, staff } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';
import type { HardshipState } from './hardship.workflow.js';

/**
 * 困难职工帮扶: one row per household, from the field worker's lead (线索) through verification to its archive
 * (建档) and yearly review (hardship.workflow.ts). The head's ID number is unique across the whole federation (blind
 * index): the same household is never filed twice, whoever finds it. `status`, `status_changed_at` and `due_at` are
 * written by the workflow engine only; while archived, `due_at` is the yearly review's deadline (动态管理).
 */
export const hardshipHouseholds = pgTable(
  'hardship_households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The union of the household's area: it verifies, archives and reviews the file; the tree above sees it. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    filedByStaffId: uuid('filed_by_staff_id')
      .notNull()
      .references(() => staff.id),
    /** The filer's org (their territory), which may lie below `org_id`. */
    filedByOrgId: uuid('filed_by_org_id')
      .notNull()
      .references(() => orgs.id),
    channel: text('channel').$type<(typeof hardshipChannels)[number]>().notNull(),
    headName: text('head_name').notNull(),
    headIdHash: text('head_id_hash').notNull(),
    headIdEnc: text('head_id_enc').notNull(),
    headIdMasked: text('head_id_masked').notNull(),
    phoneHash: text('phone_hash').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    /** The head in the member registry (matched by ID number when filed, or later): their app shows the help record. */
    memberId: uuid('member_id').references(() => members.id),
    /** GB/T 2260 county code of the household's address: the regional standard applies by it. */
    regionCode: text('region_code').notNull(),
    address: text('address').notNull(),
    size: smallint('size').notNull(),
    /** Sensitive (with causes and note): monthly income per head, in fen. */
    monthlyIncomeFen: integer('monthly_income_fen').notNull(),
    causes: text('causes').array().$type<(typeof hardshipCauses)[number][]>().notNull(),
    /** The field worker's account of the situation (health, disability, debts): sensitive. */
    note: text('note'),
    /** When the head agreed, at the survey, to the union keeping and using this information; null: not recorded. */
    consentAt: timestamp('consent_at', { withTimezone: true }),
    /** Set while archived: 深度困难, 相对困难, 意外致困. */
    level: text('level').$type<(typeof hardshipLevels)[number]>(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    lastReviewedAt: timestamp('last_reviewed_at', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verificationNote: text('verification_note'),
    rejectionReason: text('rejection_reason'),
    status: text('status').$type<HardshipState>().notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Federation-wide: two workers filing the same household at once → one file, the other 409 HOUSEHOLD_EXISTS.
    uniqueIndex('hardship_households_head_id_uq').on(t.headIdHash),
    index('hardship_households_org_idx').on(t.orgId, t.status, t.createdAt),
    index('hardship_households_filer_idx').on(t.filedByStaffId, t.createdAt),
    index('hardship_households_region_idx').on(t.regionCode, t.status),
    index('hardship_households_due_idx').on(t.status, t.dueAt),
    index('hardship_households_member_idx').on(t.memberId),
    index('hardship_households_name_trgm').using('gin', sql`${t.headName} gin_trgm_ops`),
    check('hardship_households_size_ck', sql`${t.size} between 1 and 30`),
    check('hardship_households_income_ck', sql`${t.monthlyIncomeFen} >= 0`),
  ],
);

/** Photos and documents of a household: the survey's photos, the verification's documents, a visit's pictures. */
export const hardshipHouseholdFiles = pgTable(
  'hardship_household_files',
  {
    householdId: uuid('household_id')
      .notNull()
      .references(() => hardshipHouseholds.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    purpose: text('purpose').$type<'survey_photo' | 'verification_document' | 'visit_photo'>().notNull(),
    addedBy: uuid('added_by')
      .notNull()
      .references(() => staff.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.householdId, t.fileId] })],
);

/**
 * The regional standard (困难职工认定标准): the monthly income line per head of a region code, kept by staff. A
 * household is looked up by its county code, then its city's (xxxx00), then its province's (xx0000).
 */
export const hardshipStandards = pgTable(
  'hardship_standards',
  {
    regionCode: text('region_code').primaryKey(),
    /** 深度困难 at or below this line (typically the local 低保 line). */
    monthlyIncomeLineFen: integer('monthly_income_line_fen').notNull(),
    /** 相对困难 at or below this line; null: 1.5 × the line. */
    relativeIncomeLineFen: integer('relative_income_line_fen'),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => staff.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('hardship_standards_line_ck', sql`${t.monthlyIncomeLineFen} > 0`),
    check(
      'hardship_standards_relative_ck',
      sql`${t.relativeIncomeLineFen} is null or ${t.relativeIncomeLineFen} >= ${t.monthlyIncomeLineFen}`,
    ),
  ],
);

/** 一户一策: a household's plan; a new version replaces the current one (the highest), the old ones stay as history. */
export const hardshipPlans = pgTable(
  'hardship_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => hardshipHouseholds.id),
    version: integer('version').notNull(),
    goal: text('goal').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('hardship_plans_version_uq').on(t.householdId, t.version)],
);

/** A plan's measure: what, who is responsible (a person or unit), by when, and when it was done. */
export const hardshipPlanMeasures = pgTable(
  'hardship_plan_measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => hardshipPlans.id),
    position: smallint('position').notNull(),
    title: text('title').notNull(),
    kind: text('kind').$type<(typeof aidKinds)[number]>(),
    owner: text('owner').notNull(),
    dueOn: date('due_on').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneNote: text('done_note'),
  },
  (t) => [index('hardship_plan_measures_plan_idx').on(t.planId, t.position)],
);

/** 爱心企业 and other donor units of a union's love alliance. */
export const hardshipDonors = pgTable(
  'hardship_donors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    kind: text('kind').$type<'enterprise' | 'social_organisation' | 'individual' | 'other'>().notNull(),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('hardship_donors_name_uq').on(t.orgId, t.name)],
);

/** 四季送: a seasonal campaign of a union with its budget and its target list drawn from the archives. */
export const aidCampaigns = pgTable(
  'aid_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    season: text('season').$type<(typeof aidSeasons)[number]>().notNull(),
    year: smallint('year').notNull(),
    title: text('title').notNull(),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
    /** Kept with each distribution in its transaction: spend can never pass the budget. */
    spentFen: bigint('spent_fen', { mode: 'number' }).notNull().default(0),
    status: text('status').$type<'open' | 'closed'>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('aid_campaigns_org_idx').on(t.orgId, t.year),
    check(
      'aid_campaigns_budget_ck',
      sql`${t.budgetFen} >= 0 and ${t.spentFen} >= 0 and ${t.spentFen} <= ${t.budgetFen}`,
    ),
  ],
);

/** A campaign's target list: households of the campaign's subtree, from the archives. */
export const aidCampaignTargets = pgTable(
  'aid_campaign_targets',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => aidCampaigns.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => hardshipHouseholds.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.householdId] }),
    index('aid_campaign_targets_household_idx').on(t.householdId),
  ],
);

/**
 * A help a household received: cash, goods or a service, its value, who gave it (the union, or a donor unit of the
 * alliance) and when; a campaign's distribution is one of these with `campaign_id`. Never twice: once per household
 * per campaign, and the same cash amount to the same household on the same day only once (a double entry).
 */
export const hardshipAid = pgTable(
  'hardship_aid',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => hardshipHouseholds.id),
    /** The union that gave or recorded it. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    kind: text('kind').$type<(typeof aidKinds)[number]>().notNull(),
    amountFen: integer('amount_fen'),
    description: text('description').notNull(),
    givenOn: date('given_on').notNull(),
    donorId: uuid('donor_id').references(() => hardshipDonors.id),
    campaignId: uuid('campaign_id').references(() => aidCampaigns.id),
    /** How a campaign's distribution found the household: its member card scanned, or chosen from the list. */
    via: text('via').$type<'card' | 'list' | 'direct'>().notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('hardship_aid_household_idx').on(t.householdId, t.givenOn),
    index('hardship_aid_donor_idx').on(t.donorId),
    index('hardship_aid_org_idx').on(t.orgId, t.givenOn),
    uniqueIndex('hardship_aid_campaign_uq')
      .on(t.campaignId, t.householdId)
      .where(sql`${t.campaignId} is not null`),
    uniqueIndex('hardship_aid_cash_uq')
      .on(t.householdId, t.givenOn, t.amountFen)
      .where(sql`${t.kind} = 'cash' and ${t.campaignId} is null`),
    check('hardship_aid_amount_ck', sql`${t.amountFen} is null or ${t.amountFen} >= 0`),
  ],
);

/** 走访: a visit by cadres or volunteers to a household, platform workers or a work site, and what came of it. */
export const hardshipVisits = pgTable(
  'hardship_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The union the visit counts for (the visitors' or the household's). */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    subject: text('subject').$type<(typeof visitSubjects)[number]>().notNull(),
    householdId: uuid('household_id').references(() => hardshipHouseholds.id),
    /** Where, for platform workers and work sites (e.g. 某某工地, 某站点). */
    place: text('place'),
    visitedOn: date('visited_on').notNull(),
    visitors: text('visitors').array().notNull(),
    peopleReached: integer('people_reached'),
    findings: text('findings').notNull(),
    followUp: text('follow_up'),
    followUpDoneAt: timestamp('follow_up_done_at', { withTimezone: true }),
    /** Who marked the follow-up done, and what came of it. */
    followUpDoneBy: uuid('follow_up_done_by').references(() => staff.id),
    followUpDoneNote: text('follow_up_done_note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('hardship_visits_org_idx').on(t.orgId, t.visitedOn),
    index('hardship_visits_household_idx').on(t.householdId, t.visitedOn),
    check('hardship_visits_subject_ck', sql`(${t.subject} = 'household') = (${t.householdId} is not null)`),
  ],
);

/** A visit's photos (or documents), uploaded through POST /api/v1/hardship/photos; each file belongs to one visit. */
export const hardshipVisitPhotos = pgTable(
  'hardship_visit_photos',
  {
    visitId: uuid('visit_id')
      .notNull()
      .references(() => hardshipVisits.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.fileId] }), uniqueIndex('hardship_visit_photos_file_uq').on(t.fileId)],
);
