-- allDays
select "day", "kind", "name"
  from "calendar_days"
  order by "calendar_days"."day" asc;

-- daysOfYear
select "day", "kind", "name"
  from "calendar_days"
  where ("calendar_days"."day" >= $1 and "calendar_days"."day" < $2)
  order by "calendar_days"."day" asc;

-- replaceYear
delete
  from "calendar_days"
  where ("calendar_days"."day" >= $1 and "calendar_days"."day" < $2);
insert into "calendar_days" ("day", "kind", "name", "updated_by", "updated_at")
  values ($1, $2, $3, $4, default);
