-- listChildren
select "orgs"."id", "orgs"."parent_id", "orgs"."name", "orgs"."kind", "orgs"."region_code", "orgs"."depth", "orgs"."path", "child_count"
  from "orgs"
  cross join lateral (select count(*) as "child_count"
  from "orgs" "children"
  where "children"."parent_id" = "orgs"."id") "child_count"
  where ("orgs"."parent_id" = $1 and ("orgs"."name", "orgs"."id") > ($2, $3::uuid))
  order by "orgs"."name" asc, "orgs"."id" asc
  limit $4;

-- searchOrgs
select "orgs"."id", "orgs"."parent_id", "orgs"."name", "orgs"."kind", "orgs"."region_code", "orgs"."depth", "orgs"."path", "child_count"
  from "orgs"
  cross join lateral (select count(*) as "child_count"
  from "orgs" "children"
  where "children"."parent_id" = "orgs"."id") "child_count"
  where ("orgs"."path" <@ $1::ltree and "orgs"."name" ilike $2 and "orgs"."kind" = $3)
  order by "orgs"."name" asc, "orgs"."id" asc
  limit $4;

-- findOrgRow
select "orgs"."id", "orgs"."parent_id", "orgs"."name", "orgs"."kind", "orgs"."region_code", "orgs"."depth", "orgs"."path", "child_count"
  from "orgs"
  cross join lateral (select count(*) as "child_count"
  from "orgs" "children"
  where "children"."parent_id" = "orgs"."id") "child_count"
  where "orgs"."id" = $1;

-- updateOrgRow
update "orgs"
  set "name" = $1, "region_code" = $2
  where "orgs"."id" = $3;

-- searchDirectory
select "orgs"."id", "orgs"."name", "orgs"."region_code", "parents"."name"
  from "orgs"
  left join "orgs" "parents" on "parents"."id" = "orgs"."parent_id"
  where ("orgs"."kind" = $1 and "orgs"."name" ilike $2 and ("orgs"."name", "orgs"."id") > ($3, $4::uuid))
  order by "orgs"."name" asc, "orgs"."id" asc
  limit $5;
