import { and, asc, desc, eq, gt, gte, isNotNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Db } from '../../kernel/db/client.js';
import { orgs } from '../../kernel/db/kernel.tables.js';
import { containsText, scalarNumber, within } from '../../kernel/db/operators.js';
import { rawStatement, runRaw, type RowOf } from '../../kernel/db/raw.js';
import { stationCodeCounters, stationDailyUsage, stationRatings, stations } from './stations.tables.js';
import type { ShanghaiMoment } from './stations.hours.js';

export type NewStation = typeof stations.$inferInsert;

/** A station's columns with its org and its rating (average and count). */
function stationFields(db: Db) {
  const s = stations;
  const ofStation = eq(stationRatings.stationId, s.id);
  const average = db
    .select({ average: sql`round(avg(${stationRatings.score})::numeric, 2)::float8` })
    .from(stationRatings)
    .where(ofStation);
  return {
    id: s.id,
    code: s.code,
    orgId: s.orgId,
    orgName: orgs.name,
    orgPath: orgs.path,
    type: s.type,
    name: s.name,
    regionCode: s.regionCode,
    address: s.address,
    lat: s.lat,
    lng: s.lng,
    alwaysOpen: s.alwaysOpen,
    openDays: s.openDays,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    scheduleDate: s.scheduleDate,
    services: s.services,
    supplies: s.supplies,
    phone: s.phone,
    managerId: s.managerId,
    photoFileIds: s.photoFileIds,
    status: s.status,
    ratingAverage: scalarNumber(average),
    ratingCount: db.$count(stationRatings, ofStation),
  };
}

function selectStations(db: Db) {
  return db.select(stationFields(db)).from(stations).innerJoin(orgs, eq(orgs.id, stations.orgId));
}

/** Opening hours as HH:MM (the time columns read as HH:MM:SS). */
function withHours<R extends { opensAt: string | null; closesAt: string | null }>(row: R): R {
  return { ...row, opensAt: row.opensAt?.slice(0, 5) ?? null, closesAt: row.closesAt?.slice(0, 5) ?? null };
}

export type StationRow = Awaited<ReturnType<typeof selectStations>>[number];

/** Atomically hands out the next sequence number for a region and type. */
export async function nextSequence(db: Db, regionCode: string, type: string): Promise<number> {
  const [row] = await db
    .insert(stationCodeCounters)
    .values({ regionCode, type, last: 1 })
    .onConflictDoUpdate({
      target: [stationCodeCounters.regionCode, stationCodeCounters.type],
      set: { last: sql`${stationCodeCounters.last} + 1` },
    })
    .returning({ last: stationCodeCounters.last });
  return row!.last;
}

export async function insertStation(db: Db, row: NewStation): Promise<void> {
  await db.insert(stations).values(row);
}

export async function findStationByCode(db: Db, code: string): Promise<StationRow | null> {
  const [row] = await selectStations(db).where(eq(stations.code, code));
  return row ? withHours(row) : null;
}

export async function updateStationRow(db: Db, id: string, patch: Partial<NewStation>, now: Date): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db
    .update(stations)
    .set({ ...patch, updatedAt: now })
    .where(eq(stations.id, id));
}

function openNowSql(m: ShanghaiMoment) {
  return sql`(s.type <> 'cooling_bus' or s.schedule_date = ${m.date}::date) and (s.always_open or (${m.isoWeekday}::smallint = any(s.open_days)
    and s.opens_at is not null and s.closes_at is not null and (
      (s.opens_at <= s.closes_at and ${m.time}::time >= s.opens_at and ${m.time}::time < s.closes_at)
      or (s.opens_at > s.closes_at and (${m.time}::time >= s.opens_at or ${m.time}::time < s.closes_at)))))`;
}

/**
 * Nearest first through the GiST index on ll_to_earth(lat, lng) (KNN `<->`), exact distance for display.
 * One statement text whatever the filters (they are parameters), so it is prepared once per connection.
 * Raw: KNN and earthdistance are beyond the builder.
 */
export const nearbyStatement = rawStatement(
  z.strictObject({
    code: z.string(),
    name: z.string(),
    type: z.string(),
    lat: z.number(),
    lng: z.number(),
    distanceM: z.number().int(),
    openNow: z.boolean(),
    address: z.string(),
    services: z.array(z.string()),
  }),
  (q: {
    lat: number;
    lng: number;
    type?: string | undefined;
    openNowOnly: boolean;
    limit: number;
    moment: ShanghaiMoment;
  }) => {
    const here = sql`ll_to_earth(${q.lat}::float8, ${q.lng}::float8)`;
    const open = openNowSql(q.moment);
    return sql`select s.code, s.name, s.type, s.lat, s.lng, round(earth_distance(ll_to_earth(s.lat, s.lng), ${here}))::int as "distanceM",
        ${open} as "openNow", s.address, s.services
        from stations s
        where s.status = 'active' and (s.type <> 'cooling_bus' or s.schedule_date = ${q.moment.date}::date)
          and (${q.type ?? null}::text is null or s.type = ${q.type ?? null}::text)
          and (not ${q.openNowOnly}::boolean or ${open})
        order by ll_to_earth(s.lat, s.lng) <-> ${here} limit ${q.limit}::int`;
  },
);

export type NearbyRow = RowOf<typeof nearbyStatement>;

export async function nearbyStations(
  database: Database,
  q: Parameters<typeof nearbyStatement>[0],
): Promise<NearbyRow[]> {
  return database.prepared<NearbyRow>('stations_nearby', nearbyStatement(q));
}

/** What the in-memory nearby index (stations.index.ts) polls: a reload is due when it changes. */
export const indexSignatureStatement = rawStatement(
  z.strictObject({ n: z.number().int(), latest: z.string().nullable() }),
  () => sql`select count(*)::int as n, max(updated_at)::text as latest from stations`,
);

/** Every active station, as the in-memory nearby index holds it (hours as HH:MM, the service day as text). */
export const indexLoadStatement = rawStatement(
  z.strictObject({
    code: z.string(),
    name: z.string(),
    type: z.string(),
    lat: z.number(),
    lng: z.number(),
    address: z.string(),
    services: z.array(z.string()),
    alwaysOpen: z.boolean(),
    openDays: z.array(z.number().int()),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    scheduleDate: z.string().nullable(),
  }),
  () =>
    sql`select code, name, type, lat, lng, address, services, always_open as "alwaysOpen", open_days as "openDays",
          to_char(opens_at, 'HH24:MI') as "opensAt", to_char(closes_at, 'HH24:MI') as "closesAt", schedule_date::text as "scheduleDate"
          from stations where status = 'active'`,
);

export type IndexedStationRow = RowOf<typeof indexLoadStatement>;

/** Raw: prepared once per connection (the index polls it), so planned once. */
export async function indexSignature(database: Database): Promise<RowOf<typeof indexSignatureStatement> | null> {
  const [row] = await database.prepared<RowOf<typeof indexSignatureStatement>>(
    'stations_index_signature',
    indexSignatureStatement(),
  );
  return row ?? null;
}

export async function stationsForIndex(database: Database): Promise<IndexedStationRow[]> {
  return database.prepared<IndexedStationRow>('stations_index_load', indexLoadStatement());
}

export async function listStationRows(
  db: Db,
  f: { scope: string; type?: string | undefined; status?: string | undefined; q?: string | undefined; since: string },
  limit: number,
  after: { code: string } | null,
) {
  const s = stations;
  const usage = (column: typeof stationDailyUsage.views | typeof stationDailyUsage.qrScans) =>
    scalarNumber<number>(
      db
        .select({ total: sql`coalesce(sum(${column}), 0)` })
        .from(stationDailyUsage)
        .where(and(eq(stationDailyUsage.stationId, s.id), gte(stationDailyUsage.day, f.since))),
    );
  const rows = await db
    .select({
      ...stationFields(db),
      views30d: usage(stationDailyUsage.views),
      qrScans30d: usage(stationDailyUsage.qrScans),
    })
    .from(s)
    .innerJoin(orgs, eq(orgs.id, s.orgId))
    .where(
      and(
        within(orgs.path, f.scope),
        f.type ? eq(s.type, f.type) : undefined,
        f.status ? eq(s.status, f.status as StationRow['status']) : undefined,
        f.q ? or(containsText(s.name, f.q), eq(s.code, f.q.toUpperCase())) : undefined,
        after ? gt(s.code, after.code) : undefined,
      ),
    )
    .orderBy(asc(s.code))
    .limit(limit + 1);
  return rows.map(withHours);
}

export async function recordView(db: Db, stationId: string, day: string, viaQr: boolean): Promise<void> {
  await db
    .insert(stationDailyUsage)
    .values({ stationId, day, views: 1, qrScans: viaQr ? 1 : 0 })
    .onConflictDoUpdate({
      target: [stationDailyUsage.stationId, stationDailyUsage.day],
      set: {
        views: sql`${stationDailyUsage.views} + 1`,
        qrScans: sql`${stationDailyUsage.qrScans} + ${viaQr ? 1 : 0}`,
      },
    });
}

/** Inserts the day's rating; false when this person already rated the station that day. */
export async function insertRating(db: Db, row: typeof stationRatings.$inferInsert): Promise<{ id: string } | null> {
  const inserted = await db
    .insert(stationRatings)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: stationRatings.id });
  return inserted[0] ?? null;
}

/** Views, QR scans and ratings per Shanghai day since `since`, days without any included. Raw: a generated series of days. */
export const dailyStatsStatement = rawStatement(
  z.strictObject({
    day: z.string(),
    views: z.number().int(),
    qrScans: z.number().int(),
    ratings: z.number().int(),
    averageScore: z.number().nullable(),
  }),
  (stationId: string, since: string) =>
    sql`with days as (select generate_series(${since}::date, (now() at time zone 'UTC' + interval '8 hours')::date, interval '1 day')::date as day)
        select d.day::text as day, coalesce(u.views, 0)::int as views, coalesce(u.qr_scans, 0)::int as "qrScans",
               (select count(*)::int from station_ratings r where r.station_id = ${stationId} and r.rated_on = d.day) as ratings,
               (select round(avg(r.score)::numeric, 2)::float8 from station_ratings r where r.station_id = ${stationId} and r.rated_on = d.day) as "averageScore"
        from days d left join station_daily_usage u on u.station_id = ${stationId} and u.day = d.day order by d.day`,
);

export async function dailyStats(
  db: Db,
  stationId: string,
  since: string,
): Promise<RowOf<typeof dailyStatsStatement>[]> {
  return runRaw(db, dailyStatsStatement, stationId, since);
}

export async function recentComments(db: Db, stationId: string, limit: number) {
  return db
    .select({ score: stationRatings.score, comment: stationRatings.comment, ratedOn: stationRatings.ratedOn })
    .from(stationRatings)
    .where(
      and(eq(stationRatings.stationId, stationId), isNotNull(stationRatings.comment), ne(stationRatings.comment, '')),
    )
    .orderBy(desc(stationRatings.createdAt))
    .limit(limit);
}
