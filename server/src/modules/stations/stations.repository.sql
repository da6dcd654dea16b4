-- nextSequence
insert into "station_code_counters" ("region_code", "type", "last")
  values ($1, $2, $3)
  on conflict ("region_code","type") do update
  set "last" = "station_code_counters"."last" + 1
  returning "last";

-- findStationByCode
select "stations"."id", "stations"."code", "stations"."org_id", "orgs"."name", "orgs"."path", "stations"."type", "stations"."name", "stations"."region_code", "stations"."address", "stations"."lat", "stations"."lng", "stations"."always_open", "stations"."open_days", "stations"."opens_at", "stations"."closes_at", "stations"."schedule_date", "stations"."services", "stations"."supplies", "stations"."phone", "stations"."manager_id", "stations"."photo_file_ids", "stations"."status", ((select round(avg("score")::numeric, 2)::float8
  from "station_ratings"
  where "station_ratings"."station_id" = "stations"."id")), (select count(*)
  from "station_ratings"
  where "station_ratings"."station_id" = "stations"."id")
  from "stations"
  inner join "orgs" on "orgs"."id" = "stations"."org_id"
  where "stations"."code" = $1;

-- updateStationRow
update "stations"
  set "name" = $1, "updated_at" = $2
  where "stations"."id" = $3;

-- nearbyStations
select s.code, s.name, s.type, s.lat, s.lng, round(earth_distance(ll_to_earth(s.lat, s.lng), ll_to_earth($1::float8, $2::float8)))::int as "distanceM", (s.type <> 'cooling_bus' or s.schedule_date = $3::date) and (s.always_open or ($4::smallint = any(s.open_days) and s.opens_at is not null and s.closes_at is not null and ( (s.opens_at <= s.closes_at and $5::time >= s.opens_at and $6::time < s.closes_at) or (s.opens_at > s.closes_at and ($7::time >= s.opens_at or $8::time < s.closes_at))))) as "openNow", s.address, s.services
  from stations s
  where s.status = 'active' and (s.type <> 'cooling_bus' or s.schedule_date = $9::date) and ($10::text is null or s.type = $11::text) and (not $12::boolean or (s.type <> 'cooling_bus' or s.schedule_date = $13::date) and (s.always_open or ($14::smallint = any(s.open_days) and s.opens_at is not null and s.closes_at is not null and ( (s.opens_at <= s.closes_at and $15::time >= s.opens_at and $16::time < s.closes_at) or (s.opens_at > s.closes_at and ($17::time >= s.opens_at or $18::time < s.closes_at))))))
  order by ll_to_earth(s.lat, s.lng) <-> ll_to_earth($19::float8, $20::float8)
  limit $21::int;

-- listStationRows
select "stations"."id", "stations"."code", "stations"."org_id", "orgs"."name", "orgs"."path", "stations"."type", "stations"."name", "stations"."region_code", "stations"."address", "stations"."lat", "stations"."lng", "stations"."always_open", "stations"."open_days", "stations"."opens_at", "stations"."closes_at", "stations"."schedule_date", "stations"."services", "stations"."supplies", "stations"."phone", "stations"."manager_id", "stations"."photo_file_ids", "stations"."status", ((select round(avg("score")::numeric, 2)::float8
  from "station_ratings"
  where "station_ratings"."station_id" = "stations"."id")), (select count(*)
  from "station_ratings"
  where "station_ratings"."station_id" = "stations"."id"), ((select coalesce(sum("views"), 0)
  from "station_daily_usage"
  where ("station_daily_usage"."station_id" = "stations"."id" and "station_daily_usage"."day" >= $1))), ((select coalesce(sum("qr_scans"), 0)
  from "station_daily_usage"
  where ("station_daily_usage"."station_id" = "stations"."id" and "station_daily_usage"."day" >= $2)))
  from "stations"
  inner join "orgs" on "orgs"."id" = "stations"."org_id"
  where ("orgs"."path" <@ $3::ltree and "stations"."type" = $4 and "stations"."status" = $5 and ("stations"."name" ilike $6 or "stations"."code" = $7) and "stations"."code" > $8)
  order by "stations"."code" asc
  limit $9;

-- recordView
insert into "station_daily_usage" ("station_id", "day", "views", "qr_scans")
  values ($1, $2, $3, $4)
  on conflict ("station_id","day") do update
  set "views" = "station_daily_usage"."views" + 1, "qr_scans" = "station_daily_usage"."qr_scans" + $5;

-- insertRating
insert into "station_ratings" ("id", "station_id", "account_id", "score", "comment", "rated_on", "created_at")
  values (default, $1, $2, $3, default, $4, default)
  on conflict do nothing
  returning "id";

-- dailyStats
with days as (select generate_series($1::date, (now() at time zone 'UTC' + interval '8 hours')::date, interval '1 day')::date as day) select d.day::text as day, coalesce(u.views, 0)::int as views, coalesce(u.qr_scans, 0)::int as "qrScans", (select count(*)::int
  from station_ratings r
  where r.station_id = $2 and r.rated_on = d.day) as ratings, (select round(avg(r.score)::numeric, 2)::float8
  from station_ratings r
  where r.station_id = $3 and r.rated_on = d.day) as "averageScore"
  from days d
  left join station_daily_usage u on u.station_id = $4 and u.day = d.day
  order by d.day;

-- recentComments
select "score", "comment", "rated_on"
  from "station_ratings"
  where ("station_ratings"."station_id" = $1 and "station_ratings"."comment" is not null and "station_ratings"."comment" <> $2)
  order by "station_ratings"."created_at" desc
  limit $3;

-- indexSignature
select count(*)::int as n, max(updated_at)::text as latest
  from stations;

-- stationsForIndex
select code, name, type, lat, lng, address, services, always_open as "alwaysOpen", open_days as "openDays", to_char(opens_at, 'HH24:MI') as "opensAt", to_char(closes_at, 'HH24:MI') as "closesAt", schedule_date::text as "scheduleDate"
  from stations
  where status = 'active';
