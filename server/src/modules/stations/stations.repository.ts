import { and, eq, sql as dsql } from 'drizzle-orm';
import { queryRows, sql, type Database, type Db } from '../../kernel/db/client.js';
import { stationCodeCounters, stationDailyUsage, stationRatings, stations } from './stations.tables.js';
import type { ShanghaiMoment } from './stations.hours.js';

export type NewStation = typeof stations.$inferInsert;

export interface StationRow {
  id: string;
  code: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  type: string;
  name: string;
  regionCode: string;
  address: string;
  lat: number;
  lng: number;
  alwaysOpen: boolean;
  openDays: number[];
  opensAt: string | null;
  closesAt: string | null;
  scheduleDate: string | null;
  services: string[];
  supplies: string | null;
  phone: string | null;
  managerId: string | null;
  photoFileIds: string[];
  status: 'active' | 'retired';
  ratingAverage: number | null;
  ratingCount: number;
}

const selectStation = sql`select s.id, s.code, s.org_id as "orgId", o.name as "orgName", o.path::text as "orgPath", s.type, s.name,
  s.region_code as "regionCode", s.address, s.lat, s.lng, s.always_open as "alwaysOpen", s.open_days as "openDays",
  to_char(s.opens_at, 'HH24:MI') as "opensAt", to_char(s.closes_at, 'HH24:MI') as "closesAt", s.schedule_date::text as "scheduleDate",
  s.services, s.supplies, s.phone, s.manager_id as "managerId", s.photo_file_ids as "photoFileIds", s.status,
  (select round(avg(r.score)::numeric, 2)::float8 from station_ratings r where r.station_id = s.id) as "ratingAverage",
  (select count(*)::int from station_ratings r where r.station_id = s.id) as "ratingCount"
  from stations s join orgs o on o.id = s.org_id`;

/** Atomically hands out the next sequence number for a region and type. */
export async function nextSequence(db: Db, regionCode: string, type: string): Promise<number> {
  const [row] = await db
    .insert(stationCodeCounters)
    .values({ regionCode, type, last: 1 })
    .onConflictDoUpdate({ target: [stationCodeCounters.regionCode, stationCodeCounters.type], set: { last: dsql`${stationCodeCounters.last} + 1` } })
    .returning({ last: stationCodeCounters.last });
  return row!.last;
}

export async function insertStation(db: Db, row: NewStation): Promise<void> {
  await db.insert(stations).values(row);
}

export async function findStationByCode(db: Db, code: string): Promise<StationRow | null> {
  const [row] = await queryRows<StationRow>(db, sql`${selectStation} where s.code = ${code}`);
  return row ?? null;
}

export async function updateStationRow(db: Db, id: string, patch: Partial<NewStation>): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db
    .update(stations)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(stations.id, id));
}

function openNowSql(m: ShanghaiMoment) {
  return sql`(s.type <> 'cooling_bus' or s.schedule_date = ${m.date}::date) and (s.always_open or (${m.isoWeekday}::smallint = any(s.open_days)
    and s.opens_at is not null and s.closes_at is not null and (
      (s.opens_at <= s.closes_at and ${m.time}::time >= s.opens_at and ${m.time}::time < s.closes_at)
      or (s.opens_at > s.closes_at and (${m.time}::time >= s.opens_at or ${m.time}::time < s.closes_at)))))`;
}

export interface NearbyRow {
  code: string;
  name: string;
  type: string;
  lat: number;
  lng: number;
  distanceM: number;
  openNow: boolean;
  address: string;
  services: string[];
}

/**
 * Nearest first through the GiST index on ll_to_earth(lat, lng) (KNN `<->`), exact distance for display.
 * One statement text whatever the filters (they are parameters), so it is prepared once per connection.
 */
export async function nearbyStations(
  database: Database,
  q: { lat: number; lng: number; type?: string | undefined; openNowOnly: boolean; limit: number; moment: ShanghaiMoment },
): Promise<NearbyRow[]> {
  const here = sql`ll_to_earth(${q.lat}::float8, ${q.lng}::float8)`;
  const open = openNowSql(q.moment);
  return database.prepared<NearbyRow>(
    'stations_nearby',
    sql`select s.code, s.name, s.type, s.lat, s.lng, round(earth_distance(ll_to_earth(s.lat, s.lng), ${here}))::int as "distanceM",
        ${open} as "openNow", s.address, s.services
        from stations s
        where s.status = 'active' and (s.type <> 'cooling_bus' or s.schedule_date = ${q.moment.date}::date)
          and (${q.type ?? null}::text is null or s.type = ${q.type ?? null}::text)
          and (not ${q.openNowOnly}::boolean or ${open})
        order by ll_to_earth(s.lat, s.lng) <-> ${here} limit ${q.limit}::int`,
  );
}

export interface StaffListRow extends StationRow {
  views30d: number;
  qrScans30d: number;
}

export async function listStationRows(
  db: Db,
  f: { scope: string; type?: string | undefined; status?: string | undefined; q?: string | undefined; since: string },
  limit: number,
  after: { code: string } | null,
): Promise<StaffListRow[]> {
  const parts = [sql`o.path <@ ${f.scope}::ltree`];
  if (f.type) parts.push(sql`s.type = ${f.type}`);
  if (f.status) parts.push(sql`s.status = ${f.status}`);
  if (f.q) parts.push(sql`(s.name ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or s.code = ${f.q.toUpperCase()})`);
  if (after) parts.push(sql`s.code > ${after.code}`);
  return queryRows<StaffListRow>(
    db,
    sql`select * from (${selectStation} where ${sql.join(parts, sql` and `)} order by s.code limit ${limit + 1}) st,
        lateral (select coalesce(sum(u.views), 0)::int as "views30d", coalesce(sum(u.qr_scans), 0)::int as "qrScans30d"
                 from station_daily_usage u where u.station_id = st.id and u.day >= ${f.since}::date) usage
        order by st.code`,
  );
}

export async function recordView(db: Db, stationId: string, day: string, viaQr: boolean): Promise<void> {
  await db
    .insert(stationDailyUsage)
    .values({ stationId, day, views: 1, qrScans: viaQr ? 1 : 0 })
    .onConflictDoUpdate({
      target: [stationDailyUsage.stationId, stationDailyUsage.day],
      set: { views: dsql`${stationDailyUsage.views} + 1`, qrScans: dsql`${stationDailyUsage.qrScans} + ${viaQr ? 1 : 0}` },
    });
}

/** Inserts the day's rating; false when this person already rated the station that day. */
export async function insertRating(db: Db, row: typeof stationRatings.$inferInsert): Promise<{ id: string } | null> {
  const inserted = await db.insert(stationRatings).values(row).onConflictDoNothing().returning({ id: stationRatings.id });
  return inserted[0] ?? null;
}

export async function dailyStats(db: Db, stationId: string, since: string) {
  return queryRows<{ day: string; views: number; qrScans: number; ratings: number; averageScore: number | null }>(
    db,
    sql`with days as (select generate_series(${since}::date, (now() at time zone 'UTC' + interval '8 hours')::date, interval '1 day')::date as day)
        select d.day::text as day, coalesce(u.views, 0)::int as views, coalesce(u.qr_scans, 0)::int as "qrScans",
               (select count(*)::int from station_ratings r where r.station_id = ${stationId} and r.rated_on = d.day) as ratings,
               (select round(avg(r.score)::numeric, 2)::float8 from station_ratings r where r.station_id = ${stationId} and r.rated_on = d.day) as "averageScore"
        from days d left join station_daily_usage u on u.station_id = ${stationId} and u.day = d.day order by d.day`,
  );
}

export async function recentComments(db: Db, stationId: string, limit: number) {
  return db
    .select({ score: stationRatings.score, comment: stationRatings.comment, ratedOn: stationRatings.ratedOn })
    .from(stationRatings)
    .where(and(eq(stationRatings.stationId, stationId), dsql`${stationRatings.comment} is not null and ${stationRatings.comment} <> ''`))
    .orderBy(dsql`${stationRatings.createdAt} desc`)
    .limit(limit);
}
