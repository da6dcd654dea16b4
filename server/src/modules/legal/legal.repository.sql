-- routeCase
select "id", "kind"
  from "orgs"
  where ("orgs"."region_code" in ($1, $2, $3) and "orgs"."kind" in ($4, $5))
  order by case "orgs"."kind" when 'center' then 0 else 1 end, array_position(array[$6, $7, $8]::text[], "orgs"."region_code"), "orgs"."depth" desc, "orgs"."created_at" asc
  limit $9;

-- countCasesSince
select count(*)
  from "legal_cases"
  where ("legal_cases"."applicant_id" = $1 and "legal_cases"."created_at" >= $2);

-- ownedFileIds
select "id"
  from "files"
  where ("files"."owner_kind" = $1 and "files"."owner_id" = $2 and "files"."id" in ($3));

-- attachmentsOfCases
select "legal_case_attachments"."case_id", "files"."id", "files"."file_name", "files"."media_type", "files"."size_bytes"
  from "legal_case_attachments"
  inner join "files" on "files"."id" = "legal_case_attachments"."file_id"
  where "legal_case_attachments"."case_id" in ($1, $2)
  order by "files"."created_at" asc, "files"."id" asc;

-- isAttachedTo
select "file_id"
  from "legal_case_attachments"
  where ("legal_case_attachments"."case_id" = $1 and "legal_case_attachments"."file_id" = $2);

-- findCase
select "legal_cases"."id", "legal_cases"."applicant_id", "worker_accounts"."phone_masked", "members"."name", "legal_cases"."kind", "legal_cases"."category", "legal_cases"."description", "legal_cases"."amount_claimed_fen", "legal_cases"."employer_name", "legal_cases"."employer_region_code", "legal_cases"."employer_address", "legal_cases"."center_id", "orgs"."name", "orgs"."path", "legal_cases"."routed_to_center", "legal_cases"."status", "legal_cases"."first_contact_due_at", "legal_cases"."first_contact_at", "legal_cases"."handler_id", "handler"."display_name", "handler"."username", "legal_cases"."amount_recovered_fen", "legal_cases"."referred_to", "legal_cases"."closed_at", "legal_cases"."rating_score", "legal_cases"."rating_comment", "legal_cases"."created_at"
  from "legal_cases"
  inner join "orgs" on "orgs"."id" = "legal_cases"."center_id"
  inner join "worker_accounts" on "worker_accounts"."id" = "legal_cases"."applicant_id"
  left join "members" on "members"."phone_hash" = "worker_accounts"."phone_hash"
  left join "staff" "handler" on "handler"."id" = "legal_cases"."handler_id"
  where "legal_cases"."id" = $1;

-- listCases (queue)
select "legal_cases"."id", "legal_cases"."applicant_id", "worker_accounts"."phone_masked", "members"."name", "legal_cases"."kind", "legal_cases"."category", "legal_cases"."description", "legal_cases"."amount_claimed_fen", "legal_cases"."employer_name", "legal_cases"."employer_region_code", "legal_cases"."employer_address", "legal_cases"."center_id", "orgs"."name", "orgs"."path", "legal_cases"."routed_to_center", "legal_cases"."status", "legal_cases"."first_contact_due_at", "legal_cases"."first_contact_at", "legal_cases"."handler_id", "handler"."display_name", "handler"."username", "legal_cases"."amount_recovered_fen", "legal_cases"."referred_to", "legal_cases"."closed_at", "legal_cases"."rating_score", "legal_cases"."rating_comment", "legal_cases"."created_at"
  from "legal_cases"
  inner join "orgs" on "orgs"."id" = "legal_cases"."center_id"
  inner join "worker_accounts" on "worker_accounts"."id" = "legal_cases"."applicant_id"
  left join "members" on "members"."phone_hash" = "worker_accounts"."phone_hash"
  left join "staff" "handler" on "handler"."id" = "legal_cases"."handler_id"
  where ("orgs"."path" <@ $1::ltree and "legal_cases"."status" not in ($2, $3) and ("legal_cases"."first_contact_at" is null and "legal_cases"."status" in ($4, $5, $6) and "legal_cases"."first_contact_due_at" < now()) and ("legal_cases"."created_at", "legal_cases"."id") < ($7::timestamptz, $8::uuid))
  order by "legal_cases"."created_at" desc, "legal_cases"."id" desc
  limit $9;

-- listCases (applicant)
select "legal_cases"."id", "legal_cases"."applicant_id", "worker_accounts"."phone_masked", "members"."name", "legal_cases"."kind", "legal_cases"."category", "legal_cases"."description", "legal_cases"."amount_claimed_fen", "legal_cases"."employer_name", "legal_cases"."employer_region_code", "legal_cases"."employer_address", "legal_cases"."center_id", "orgs"."name", "orgs"."path", "legal_cases"."routed_to_center", "legal_cases"."status", "legal_cases"."first_contact_due_at", "legal_cases"."first_contact_at", "legal_cases"."handler_id", "handler"."display_name", "handler"."username", "legal_cases"."amount_recovered_fen", "legal_cases"."referred_to", "legal_cases"."closed_at", "legal_cases"."rating_score", "legal_cases"."rating_comment", "legal_cases"."created_at"
  from "legal_cases"
  inner join "orgs" on "orgs"."id" = "legal_cases"."center_id"
  inner join "worker_accounts" on "worker_accounts"."id" = "legal_cases"."applicant_id"
  left join "members" on "members"."phone_hash" = "worker_accounts"."phone_hash"
  left join "staff" "handler" on "handler"."id" = "legal_cases"."handler_id"
  where "legal_cases"."applicant_id" = $1
  order by "legal_cases"."created_at" desc, "legal_cases"."id" desc
  limit $2;

-- updateCase
update "legal_cases"
  set "handler_id" = $1
  where "legal_cases"."id" = $2;

-- markFirstContact
update "legal_cases"
  set "first_contact_at" = $1
  where ("legal_cases"."id" = $2 and "legal_cases"."first_contact_at" is null);

-- caseStats
select count(*), (count(*) filter (where "legal_cases"."status" not in ($1, $2))), (count(*) filter (where "legal_cases"."status" = 'closed')), (coalesce(sum("legal_cases"."amount_recovered_fen") filter (where "legal_cases"."status" = 'closed'), 0)::float8), (round((avg(extract(epoch
  from "legal_cases"."first_contact_at" - "legal_cases"."created_at")) / 3600)::numeric, 1)::float8), (round((avg(extract(epoch
  from "legal_cases"."closed_at" - "legal_cases"."created_at")) filter (where "legal_cases"."status" = 'closed') / 86400)::numeric, 1)::float8), (count(*) filter (where ("legal_cases"."first_contact_at" is null and "legal_cases"."status" in ($3, $4, $5) and "legal_cases"."first_contact_due_at" < now()))), (round(avg("legal_cases"."rating_score")::numeric, 2)::float8)
  from "legal_cases"
  inner join "orgs" on "orgs"."id" = "legal_cases"."center_id"
  where "orgs"."path" <@ $6::ltree;

-- findHandler
select "staff"."active", "staff"."roles", "orgs"."path"
  from "staff"
  inner join "orgs" on "orgs"."id" = "staff"."org_id"
  where "staff"."id" = $1;

-- applicantPhoneEnc
select "worker_accounts"."phone_enc"
  from "legal_cases"
  inner join "worker_accounts" on "worker_accounts"."id" = "legal_cases"."applicant_id"
  where "legal_cases"."id" = $1;

-- handlersOf
select "staff"."id", coalesce("staff"."display_name", "staff"."username"), "staff"."roles", "orgs"."id", "orgs"."name"
  from "staff"
  inner join "orgs" on "orgs"."id" = "staff"."org_id"
  where ("staff"."active" = $1 and (($2 = any("staff"."roles") and ("orgs"."path" <@ $3::ltree or "orgs"."path" @> $4::ltree)) or ($5 = any("staff"."roles") and "orgs"."path" <@ $6::ltree)) and (coalesce("staff"."display_name", "staff"."username"), "staff"."id") > ($7, $8::uuid))
  order by coalesce("staff"."display_name", "staff"."username") asc, "staff"."id" asc
  limit $9;
