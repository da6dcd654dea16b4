import { date, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../../kernel/db/kernel.tables.js';
import { members } from '../members/index.js';
import type { CheckOutcome, HonourLevel, ModelWorkerStatus } from './model-workers.schemas.js';

/**
 * 劳模名册: the register of model workers, one row per member (their highest honour). Who may see a row follows the
 * member's union (staff of its subtree); `status` other than active carries its date and reason (已故 / 因违纪违法取消).
 */
export const modelWorkers = pgTable(
  'model_workers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    honourLevel: text('honour_level').$type<HonourLevel>().notNull(),
    /** The honour as awarded: 全国劳动模范, 全国五一劳动奖章, 省劳动模范… */
    title: text('title').notNull(),
    awardedYear: smallint('awarded_year').notNull(),
    /** 工作单位 when the register was written (the member's employer may change later). */
    unit: text('unit'),
    status: text('status').$type<ModelWorkerStatus>().notNull(),
    statusDate: date('status_date'),
    statusReason: text('status_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('model_workers_member_uq').on(t.memberId), index('model_workers_created_idx').on(t.createdAt)],
);

/** 年度核查: each model worker is checked once a year (who, when, the outcome). */
export const modelWorkerChecks = pgTable(
  'model_worker_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    modelWorkerId: uuid('model_worker_id')
      .notNull()
      .references(() => modelWorkers.id),
    year: smallint('year').notNull(),
    outcome: text('outcome').$type<CheckOutcome>().notNull(),
    note: text('note'),
    checkedBy: uuid('checked_by')
      .notNull()
      .references(() => staff.id),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('model_worker_checks_year_uq').on(t.modelWorkerId, t.year)],
);
