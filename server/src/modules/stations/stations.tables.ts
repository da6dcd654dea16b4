import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgs, staff, workerAccounts } from '../../kernel/db/kernel.tables.js';

/** 爱心驿站 / 母婴关爱室 / 纳凉公交 / 爱心早餐店: the places on the love map. */
export const stations = pgTable(
  'stations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    type: text('type').notNull(),
    name: text('name').notNull(),
    regionCode: text('region_code').notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    /** Open all day every day (many rest stations are). */
    alwaysOpen: boolean('always_open').notNull().default(false),
    /** ISO weekdays 1 (Monday) … 7 (Sunday) on which opensAt–closesAt applies. */
    openDays: smallint('open_days')
      .array()
      .notNull()
      .default(sql`'{1,2,3,4,5,6,7}'::smallint[]`),
    opensAt: time('opens_at'),
    closesAt: time('closes_at'),
    /** A mobile station (cooling bus) is on the map only on the Shanghai day its manager set its position for. */
    scheduleDate: date('schedule_date'),
    services: text('services')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    supplies: text('supplies'),
    phone: text('phone'),
    managerId: uuid('manager_id').references(() => staff.id),
    photoFileIds: uuid('photo_file_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    status: text('status').$type<'active' | 'retired'>().notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('stations_code_uq').on(t.code),
    index('stations_knn').using('gist', sql`ll_to_earth(${t.lat}, ${t.lng})`),
    index('stations_org_idx').on(t.orgId),
    index('stations_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

/** Per region and type, the last sequence number handed out: codes are never reused. */
export const stationCodeCounters = pgTable(
  'station_code_counters',
  { regionCode: text('region_code').notNull(), type: text('type').notNull(), last: integer('last').notNull() },
  (t) => [primaryKey({ columns: [t.regionCode, t.type] })],
);

export const stationRatings = pgTable(
  'station_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stationId: uuid('station_id')
      .notNull()
      .references(() => stations.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => workerAccounts.id),
    score: smallint('score').notNull(),
    comment: text('comment'),
    ratedOn: date('rated_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('station_ratings_once_a_day').on(t.stationId, t.accountId, t.ratedOn),
    index('station_ratings_station_idx').on(t.stationId, t.ratedOn),
  ],
);

/** Page opens per station and Shanghai day, split by how the member came (QR scan or map). */
export const stationDailyUsage = pgTable(
  'station_daily_usage',
  {
    stationId: uuid('station_id')
      .notNull()
      .references(() => stations.id),
    day: date('day').notNull(),
    views: integer('views').notNull().default(0),
    qrScans: integer('qr_scans').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.day] })],
);
