-- findStaffRow
select "staff"."id", "staff"."username", "staff"."display_name", "staff"."org_id", "orgs"."name", "orgs"."path", "staff"."roles", "staff"."active", "staff"."created_at"
  from "staff"
  inner join "orgs" on "orgs"."id" = "staff"."org_id"
  where "staff"."id" = $1;

-- listStaffRows
select "staff"."id", "staff"."username", "staff"."display_name", "staff"."org_id", "orgs"."name", "orgs"."path", "staff"."roles", "staff"."active", "staff"."created_at"
  from "staff"
  inner join "orgs" on "orgs"."id" = "staff"."org_id"
  where ("orgs"."path" <@ $1::ltree and ("staff"."username" ilike $2 or "staff"."display_name" ilike $3) and lower("staff"."username") > $4)
  order by lower("staff"."username") asc
  limit $5;

-- updateStaffRow
update "staff"
  set "roles" = $1, "active" = $2
  where "staff"."id" = $3;
