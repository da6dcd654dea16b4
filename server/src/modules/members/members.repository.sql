-- existingPhoneOrIdHashes
select "phone_hash"
  from "members"
  where "members"."phone_hash" in ($1);
select "id_number_hash"
  from "members"
  where "members"."id_number_hash" in ($1);

-- insertMembersSkippingDuplicates
insert into "members" ("id", "org_id", "name", "phone_hash", "phone_enc", "phone_masked", "id_number_hash", "id_number_enc", "id_number_masked", "employer", "occupation", "joined_at", "created_at")
  values (default, $1, $2, $3, $4, $5, default, default, default, default, default, default, default)
  on conflict do nothing
  returning "phone_hash";

-- findMemberRow
select "members"."id", "members"."name", "members"."phone_masked", "members"."id_number_masked", "members"."employer", "members"."occupation", "members"."org_id", "orgs"."name", "orgs"."path", "members"."joined_at", "members"."created_at"
  from "members"
  inner join "orgs" on "orgs"."id" = "members"."org_id"
  where "members"."id" = $1;

-- findMemberSecrets
select "phone_enc", "id_number_enc"
  from "members"
  where "members"."id" = $1;

-- listMemberRows
select "members"."id", "members"."name", "members"."phone_masked", "members"."id_number_masked", "members"."employer", "members"."occupation", "members"."org_id", "orgs"."name", "orgs"."path", "members"."joined_at", "members"."created_at"
  from "members"
  inner join "orgs" on "orgs"."id" = "members"."org_id"
  where (("orgs"."path" <@ $1::ltree and "members"."name" ilike $2 and "members"."phone_hash" = $3) and ("members"."created_at", "members"."id") < ($4::timestamptz, $5::uuid))
  order by "members"."created_at" desc, "members"."id" desc
  limit $6;

-- countMembers
select count(*)
  from "members"
  inner join "orgs" on "orgs"."id" = "members"."org_id"
  where "orgs"."path" <@ $1::ltree;

-- membershipsByPhoneHash
select "members"."phone_hash", "members"."id", "members"."org_id", "orgs"."path", "members"."name"
  from "members"
  inner join "orgs" on "orgs"."id" = "members"."org_id"
  where "members"."phone_hash" = any($1::text[]);

-- accountPhone
select "phone_hash", "phone_enc", "phone_masked"
  from "worker_accounts"
  where "worker_accounts"."id" = $1;

-- findApplicationRow
select "membership_applications"."id", "membership_applications"."account_id", "membership_applications"."org_id", "orgs"."name", "orgs"."path", "membership_applications"."name", "worker_accounts"."phone_masked", "membership_applications"."id_number_masked", "membership_applications"."id_number_hash", "membership_applications"."id_number_enc", "membership_applications"."employer", "membership_applications"."occupation", "membership_applications"."status", "membership_applications"."created_at", "membership_applications"."due_at", "membership_applications"."member_id"
  from "membership_applications"
  inner join "orgs" on "orgs"."id" = "membership_applications"."org_id"
  inner join "worker_accounts" on "worker_accounts"."id" = "membership_applications"."account_id"
  where "membership_applications"."id" = $1;

-- countApplicationsSince
select count(*)
  from "membership_applications"
  where ("membership_applications"."account_id" = $1 and "membership_applications"."created_at" >= $2);

-- pendingApplicationOf
select "id"
  from "membership_applications"
  where ("membership_applications"."account_id" = $1 and "membership_applications"."status" = $2);

-- listApplicationRows
select "membership_applications"."id", "membership_applications"."account_id", "membership_applications"."org_id", "orgs"."name", "orgs"."path", "membership_applications"."name", "worker_accounts"."phone_masked", "membership_applications"."id_number_masked", "membership_applications"."id_number_hash", "membership_applications"."id_number_enc", "membership_applications"."employer", "membership_applications"."occupation", "membership_applications"."status", "membership_applications"."created_at", "membership_applications"."due_at", "membership_applications"."member_id"
  from "membership_applications"
  inner join "orgs" on "orgs"."id" = "membership_applications"."org_id"
  inner join "worker_accounts" on "worker_accounts"."id" = "membership_applications"."account_id"
  where ("orgs"."path" <@ $1::ltree and "membership_applications"."status" = $2 and ("membership_applications"."created_at", "membership_applications"."id") < ($3::timestamptz, $4::uuid))
  order by "membership_applications"."created_at" desc, "membership_applications"."id" desc
  limit $5;

-- linkApplicationMember
update "membership_applications"
  set "member_id" = $1
  where "membership_applications"."id" = $2;

-- orgKind
select "kind"
  from "orgs"
  where "orgs"."id" = $1;

-- orgsNamedWithin
select "id"
  from "orgs"
  where ("orgs"."path" <@ $1::ltree and ("orgs"."name" = $2 or "orgs"."region_code" = $3))
  order by "orgs"."depth" asc, "orgs"."id" asc
  limit $4;
