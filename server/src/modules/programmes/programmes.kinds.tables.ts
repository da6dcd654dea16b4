import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs, staff } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';
import { programmeApplications, programmes } from './programmes.tables.js';

/**
 * 勤工俭学 work days: pay recorded for one day of an approved placement (an application of a `work_study`
 * programme). `programme_id` and `member_id` are the application's, kept here so the caps per student and day or
 * month are one indexed sum.
 */
export const workStudyDays = pgTable(
  'work_study_days',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => programmeApplications.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    /** The Shanghai calendar date worked. */
    workDate: date('work_date', { mode: 'string' }).notNull(),
    payFen: bigint('pay_fen', { mode: 'number' }).notNull(),
    note: text('note'),
    /** `staff:<id>`: the employing unit's staff or a programme officer. */
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('work_study_days_pay_positive', sql`${t.payFen} > 0`),
    index('work_study_days_member_idx').on(t.programmeId, t.memberId, t.workDate),
    index('work_study_days_application_idx').on(t.applicationId, t.workDate),
  ],
);

/** 医疗互助 enrolment (参保): a member of a unit enrolled in a `medical_mutual_aid` programme for a period. */
export const mutualAidEnrolments = pgTable(
  'mutual_aid_enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    /** The member's union when enrolled: whose staff see the enrolment. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** `manual`, or the import job's id. */
    source: text('source').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One enrolment per member and programme (a programme is one period, e.g. a year): the cap counts across it.
    uniqueIndex('mutual_aid_enrolments_member_uq').on(t.programmeId, t.memberId),
    index('mutual_aid_enrolments_programme_idx').on(t.programmeId, t.createdAt),
    index('mutual_aid_enrolments_member_idx').on(t.memberId),
    check('mutual_aid_enrolments_period', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);
