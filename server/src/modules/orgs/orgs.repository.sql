-- listChildren
select "id", "parent_id", "name", "kind", "region_code", "depth", "path", ((select count(*)
  from "orgs" "children"
  where "children"."parent_id" = "orgs"."id"))
  from "orgs"
  where ("orgs"."parent_id" = $1 and ("orgs"."name", "orgs"."id") > ($2, $3::uuid))
  order by "orgs"."name" asc, "orgs"."id" asc
  limit $4;

-- searchOrgs
select "id", "parent_id", "name", "kind", "region_code", "depth", "path", ((select count(*)
  from "orgs" "children"
  where "children"."parent_id" = "orgs"."id"))
  from "orgs"
  where ("orgs"."path" <@ $1::ltree and "orgs"."name" ilike $2 and "orgs"."kind" = $3)
  order by "orgs"."name" asc, "orgs"."id" asc
  limit $4;

-- findOrgRow
select "id", "parent_id", "name", "kind", "region_code", "depth", "path", ((select count(*)
  from "orgs" "children"
  where "children"."parent_id" = "orgs"."id"))
  from "orgs"
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
