import { date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { files } from '../../kernel/db/kernel.tables.js';
import { congresses, congressRepresentatives } from './congresses.tables.js';
import type { DutyState } from './duties.workflow.js';

/**
 * 履职记录: one thing a representative did for an indicator of the term's scoring model (a research visit, a
 * meeting with the workers they represent), or a bonus or penalty item staff recorded. On the workflow engine:
 * a representative's own record waits for staff to confirm it; staff's are confirmed at once. Only confirmed
 * records count; a record whose code the model no longer has stays, and counts nothing.
 */
export const dutyRecords = pgTable(
  'duty_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    congressId: uuid('congress_id')
      .notNull()
      .references(() => congresses.id),
    representativeId: uuid('representative_id')
      .notNull()
      .references(() => congressRepresentatives.id),
    /** An indicator's or a bonus / penalty item's code in the congress's model. */
    indicatorCode: text('indicator_code').notNull(),
    occurredOn: date('occurred_on').notNull(),
    note: text('note').notNull(),
    enteredBy: text('entered_by').$type<'representative' | 'staff'>().notNull(),
    /** The reason staff gave when rejecting it (also on its timeline). */
    rejectReason: text('reject_reason'),
    status: text('status').$type<DutyState>().notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('duty_records_congress_idx').on(t.congressId, t.createdAt),
    index('duty_records_representative_idx').on(t.representativeId, t.status),
  ],
);

/** Photos of a duty record (a visit, a meeting), uploaded by whoever recorded it before recording it. */
export const dutyRecordPhotos = pgTable(
  'duty_record_photos',
  {
    dutyId: uuid('duty_id')
      .notNull()
      .references(() => dutyRecords.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
  },
  (t) => [primaryKey({ columns: [t.dutyId, t.fileId] })],
);
