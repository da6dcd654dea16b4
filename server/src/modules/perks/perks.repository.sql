-- findMerchant
select "merchants"."id", "merchants"."org_id", "orgs"."path", "merchants"."name", "merchants"."address"
  from "merchants"
  inner join "orgs" on "orgs"."id" = "merchants"."org_id"
  where "merchants"."id" = $1;

-- bindMerchantStaff
insert into "merchant_staff" ("merchant_id", "staff_id")
  values ($1, $2)
  on conflict ("staff_id") do update
  set "merchant_id" = $3;

-- merchantOfStaff
select "merchant_id"
  from "merchant_staff"
  where "merchant_staff"."staff_id" = $1;

-- findCampaign
select "voucher_campaigns"."id", "voucher_campaigns"."org_id", "orgs"."path", "voucher_campaigns"."title", "voucher_campaigns"."quantity", "voucher_campaigns"."remaining", "voucher_campaigns"."per_member_limit", "voucher_campaigns"."starts_at", "voucher_campaigns"."ends_at", "voucher_campaigns"."face_value_fen", "voucher_campaigns"."merchant_id", "merchants"."name"
  from "voucher_campaigns"
  inner join "orgs" on "orgs"."id" = "voucher_campaigns"."org_id"
  left join "merchants" on "merchants"."id" = "voucher_campaigns"."merchant_id"
  where "voucher_campaigns"."id" = $1;

-- findCampaigns
select "voucher_campaigns"."id", "voucher_campaigns"."org_id", "orgs"."path", "voucher_campaigns"."title", "voucher_campaigns"."quantity", "voucher_campaigns"."remaining", "voucher_campaigns"."per_member_limit", "voucher_campaigns"."starts_at", "voucher_campaigns"."ends_at", "voucher_campaigns"."face_value_fen", "voucher_campaigns"."merchant_id", "merchants"."name"
  from "voucher_campaigns"
  inner join "orgs" on "orgs"."id" = "voucher_campaigns"."org_id"
  left join "merchants" on "merchants"."id" = "voucher_campaigns"."merchant_id"
  where "voucher_campaigns"."id" = any($1::uuid[]);

-- campaignsForMember
select "voucher_campaigns"."id", "voucher_campaigns"."org_id", "orgs"."path", "voucher_campaigns"."title", "voucher_campaigns"."quantity", "voucher_campaigns"."remaining", "voucher_campaigns"."per_member_limit", "voucher_campaigns"."starts_at", "voucher_campaigns"."ends_at", "voucher_campaigns"."face_value_fen", "voucher_campaigns"."merchant_id", "merchants"."name"
  from "voucher_campaigns"
  inner join "orgs" on "orgs"."id" = "voucher_campaigns"."org_id"
  left join "merchants" on "merchants"."id" = "voucher_campaigns"."merchant_id"
  where (("orgs"."path" @> $1::ltree and "voucher_campaigns"."ends_at" > now()) and ("voucher_campaigns"."starts_at", "voucher_campaigns"."id") < ($2::timestamptz, $3::uuid))
  order by "voucher_campaigns"."starts_at" desc, "voucher_campaigns"."id" desc
  limit $4;

-- campaignsInScope
select "voucher_campaigns"."id", "voucher_campaigns"."org_id", "orgs"."path", "voucher_campaigns"."title", "voucher_campaigns"."quantity", "voucher_campaigns"."remaining", "voucher_campaigns"."per_member_limit", "voucher_campaigns"."starts_at", "voucher_campaigns"."ends_at", "voucher_campaigns"."face_value_fen", "voucher_campaigns"."merchant_id", "merchants"."name"
  from "voucher_campaigns"
  inner join "orgs" on "orgs"."id" = "voucher_campaigns"."org_id"
  left join "merchants" on "merchants"."id" = "voucher_campaigns"."merchant_id"
  where "orgs"."path" <@ $1::ltree
  order by "voucher_campaigns"."starts_at" desc, "voucher_campaigns"."id" desc
  limit $2;

-- lockMembersClaims
select count(pg_advisory_xact_lock(hashtext($1), hashtext(m)))
  from (select m
  from unnest($2::text[]) as m
  order by m) as ordered;

-- countMemberVouchers
select count(*)
  from "vouchers"
  where ("vouchers"."campaign_id" = $1 and "vouchers"."member_id" = $2);

-- countMemberVouchersByCampaign
select "campaign_id", count(*)
  from "vouchers"
  where ("vouchers"."member_id" = $1 and "vouchers"."campaign_id" = any($2::uuid[]))
  group by "vouchers"."campaign_id";

-- countVouchersOfMembers
select "member_id", count(*)
  from "vouchers"
  where ("vouchers"."campaign_id" = $1 and "vouchers"."member_id" = any($2::uuid[]))
  group by "vouchers"."member_id";

-- takeStock
with c as (select id, remaining
  from voucher_campaigns
  where id = $1 and now() >= starts_at and now() < ends_at for update) update voucher_campaigns v
  set remaining = v.remaining - least(c.remaining, $2::int)
  from c
  where v.id = c.id
  returning least(c.remaining, $3::int) as granted, v.remaining;

-- insertVouchers
insert into vouchers (campaign_id, member_id, code) select $1, m, c
  from unnest($2::uuid[], $3::text[]) as t(m, c)
  on conflict (code) do nothing
  returning id, member_id as "memberId", code, issued_at as "issuedAt";

-- findVoucher
select "vouchers"."id", "vouchers"."code", "vouchers"."state", "vouchers"."issued_at", "vouchers"."redeemed_at", "vouchers"."member_id", "voucher_campaigns"."id", "voucher_campaigns"."title", "voucher_campaigns"."face_value_fen", "voucher_campaigns"."ends_at", "voucher_campaigns"."merchant_id", "merchants"."name"
  from "vouchers"
  inner join "voucher_campaigns" on "voucher_campaigns"."id" = "vouchers"."campaign_id"
  left join "merchants" on "merchants"."id" = "voucher_campaigns"."merchant_id"
  where "vouchers"."id" = $1;

-- vouchersOfMember
select "vouchers"."id", "vouchers"."code", "vouchers"."state", "vouchers"."issued_at", "vouchers"."redeemed_at", "vouchers"."member_id", "voucher_campaigns"."id", "voucher_campaigns"."title", "voucher_campaigns"."face_value_fen", "voucher_campaigns"."ends_at", "voucher_campaigns"."merchant_id", "merchants"."name"
  from "vouchers"
  inner join "voucher_campaigns" on "voucher_campaigns"."id" = "vouchers"."campaign_id"
  left join "merchants" on "merchants"."id" = "voucher_campaigns"."merchant_id"
  where "vouchers"."member_id" = $1
  order by "vouchers"."issued_at" desc
  limit $2;

-- redeem
update "vouchers"
  set "state" = $1, "redeemed_at" = $2, "redeemed_by" = $3
  where ("vouchers"."id" = $4 and "vouchers"."state" = $5)
  returning "id";

-- redemptionsOf
select "vouchers"."code", "voucher_campaigns"."title", "voucher_campaigns"."face_value_fen", "vouchers"."redeemed_at"
  from "vouchers"
  inner join "voucher_campaigns" on "voucher_campaigns"."id" = "vouchers"."campaign_id"
  where ("voucher_campaigns"."merchant_id" = $1 and "vouchers"."state" = $2 and "vouchers"."redeemed_at" >= $3 and "vouchers"."redeemed_at" < $4)
  order by "vouchers"."redeemed_at";

-- merchantsInScope
select "merchants"."id", "merchants"."org_id", "orgs"."name", "merchants"."name", "merchants"."address", "merchants"."created_at", (select count(*)
  from "merchant_staff"
  where "merchant_staff"."merchant_id" = "merchants"."id"), "breakfast_partners"."org_id", "partner_org"."name"
  from "merchants"
  inner join "orgs" on "orgs"."id" = "merchants"."org_id"
  left join "breakfast_partners" on "breakfast_partners"."merchant_id" = "merchants"."id"
  left join "orgs" "partner_org" on "partner_org"."id" = "breakfast_partners"."org_id"
  where ("orgs"."path" <@ $1::ltree and ("merchants"."created_at", "merchants"."id") < ($2::timestamptz, $3::uuid))
  order by "merchants"."created_at" desc, "merchants"."id" desc
  limit $4;

-- breakfast.upsertPartner
insert into "breakfast_partners" ("merchant_id", "org_id", "created_at")
  values ($1, $2, default)
  on conflict ("merchant_id") do update
  set "org_id" = $3;

-- breakfast.cardByCode
select "breakfast_enrolments"."id", "breakfast_enrolments"."member_id", "members"."name", "breakfast_enrolments"."card_code", "breakfast_enrolments"."org_id", "orgs"."path"
  from "breakfast_enrolments"
  inner join "members" on "members"."id" = "breakfast_enrolments"."member_id"
  inner join "orgs" on "orgs"."id" = "breakfast_enrolments"."org_id"
  where "breakfast_enrolments"."card_code" = $1;

-- breakfast.partnerOrgPath
select "orgs"."path"
  from "breakfast_partners"
  inner join "orgs" on "orgs"."id" = "breakfast_partners"."org_id"
  where "breakfast_partners"."merchant_id" = $1;

-- breakfast.serve
insert into "breakfast_servings" ("id", "enrolment_id", "merchant_id", "served_on", "served_at", "served_by")
  values (default, $1, $2, $3, default, $4)
  on conflict do nothing
  returning "id";

-- breakfast.servedOn
select count(*)
  from "breakfast_servings"
  where ("breakfast_servings"."enrolment_id" = $1 and "breakfast_servings"."served_on" = $2);

-- breakfast.servingsOf
select "breakfast_servings"."served_on", "breakfast_servings"."served_at", "members"."name", "breakfast_enrolments"."card_code"
  from "breakfast_servings"
  inner join "breakfast_enrolments" on "breakfast_enrolments"."id" = "breakfast_servings"."enrolment_id"
  inner join "members" on "members"."id" = "breakfast_enrolments"."member_id"
  where ("breakfast_servings"."merchant_id" = $1 and "breakfast_servings"."served_on" >= $2 and "breakfast_servings"."served_on" < $3)
  order by "breakfast_servings"."served_at" asc;

-- breakfast.enrolmentsInScope
select "breakfast_enrolments"."id", "breakfast_enrolments"."member_id", "members"."name", "breakfast_enrolments"."org_id", "orgs"."name", "breakfast_enrolments"."card_code", "breakfast_enrolments"."created_at", (select count(*)
  from "breakfast_servings"
  where ("breakfast_servings"."enrolment_id" = "breakfast_enrolments"."id" and "breakfast_servings"."served_on" >= $1))
  from "breakfast_enrolments"
  inner join "members" on "members"."id" = "breakfast_enrolments"."member_id"
  inner join "orgs" on "orgs"."id" = "breakfast_enrolments"."org_id"
  where ("orgs"."path" <@ $2::ltree and ("members"."name" ilike $3 or "breakfast_enrolments"."card_code" = $4) and ("breakfast_enrolments"."created_at", "breakfast_enrolments"."id") < ($5::timestamptz, $6::uuid))
  order by "breakfast_enrolments"."created_at" desc, "breakfast_enrolments"."id" desc
  limit $7;

-- breakfast.partnersInScope
select "breakfast_partners"."merchant_id", "merchants"."name", "merchants"."address", "breakfast_partners"."org_id", "orgs"."name", (select count(*)
  from "breakfast_servings"
  where ("breakfast_servings"."merchant_id" = "breakfast_partners"."merchant_id" and "breakfast_servings"."served_on" >= $1))
  from "breakfast_partners"
  inner join "merchants" on "merchants"."id" = "breakfast_partners"."merchant_id"
  inner join "orgs" on "orgs"."id" = "breakfast_partners"."org_id"
  where "orgs"."path" <@ $2::ltree
  order by "orgs"."name" asc, "merchants"."name" asc
  limit $3;

-- breakfast.memberWithOrgPath
select "members"."name", "orgs"."path"
  from "members"
  inner join "orgs" on "orgs"."id" = "members"."org_id"
  where "members"."id" = $1;
