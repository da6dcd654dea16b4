-- insertProgramme
insert into "programmes" ("id", "org_id", "kind", "title", "opens_at", "closes_at", "rules", "created_by", "created_at")
  values (default, $1, $2, $3, $4, $5, $6, $7, $8)
  returning "id";

-- findProgramme
select "programmes"."id", "programmes"."kind", "programmes"."title", "programmes"."org_id", "orgs"."name", "orgs"."path", "programmes"."opens_at", "programmes"."closes_at", "programmes"."rules", "programmes"."created_at"
  from "programmes"
  inner join "orgs" on "orgs"."id" = "programmes"."org_id"
  where "programmes"."id" = $1;

-- lockProgramme
select "id"
  from "programmes"
  where "programmes"."id" = $1 for update;

-- listProgrammes (staff)
select "programmes"."id", "programmes"."kind", "programmes"."title", "programmes"."org_id", "orgs"."name", "orgs"."path", "programmes"."opens_at", "programmes"."closes_at", "programmes"."rules", "programmes"."created_at"
  from "programmes"
  inner join "orgs" on "orgs"."id" = "programmes"."org_id"
  where (("orgs"."path" <@ $1::ltree or "orgs"."path" @> $2::ltree) and "programmes"."kind" = $3 and ("programmes"."created_at", "programmes"."id") < ($4::timestamptz, $5::uuid))
  order by "programmes"."created_at" desc, "programmes"."id" desc
  limit $6;

-- listProgrammes (member)
select "programmes"."id", "programmes"."kind", "programmes"."title", "programmes"."org_id", "orgs"."name", "orgs"."path", "programmes"."opens_at", "programmes"."closes_at", "programmes"."rules", "programmes"."created_at"
  from "programmes"
  inner join "orgs" on "orgs"."id" = "programmes"."org_id"
  where "orgs"."path" @> $1::ltree
  order by "programmes"."created_at" desc, "programmes"."id" desc
  limit $2;

-- findMember
select "members"."id", "members"."name", "members"."org_id", "orgs"."path"
  from "members"
  inner join "orgs" on "orgs"."id" = "members"."org_id"
  where "members"."id" = $1;

-- insertApplication
insert into "programme_applications" ("id", "programme_id", "member_id", "org_id", "period", "details", "amount_fen", "payee_bank", "payee_account_enc", "payee_account_masked", "review_chain", "status", "status_changed_at", "due_at", "created_by", "created_at", "exclusive_key")
  values (default, $1, $2, $3, $4, $5, $6, default, default, default, $7, $8, $9, default, $10, $11, default)
  returning "id";

-- findApplication
select "programme_applications"."id", "programme_applications"."programme_id", "programmes"."title", "programmes"."kind", "programmes"."rules", "programmes"."org_id", "programme_org"."path", "programme_applications"."member_id", "members"."name", "programme_applications"."org_id", "orgs"."name", "orgs"."path", "programme_applications"."period", "programme_applications"."details", "programme_applications"."amount_fen", "programme_applications"."payee_bank", "programme_applications"."payee_account_masked", "programme_applications"."review_chain", "programme_applications"."status", "programme_applications"."created_at"
  from "programme_applications"
  inner join "programmes" on "programmes"."id" = "programme_applications"."programme_id"
  inner join "orgs" "programme_org" on "programme_org"."id" = "programmes"."org_id"
  inner join "members" on "members"."id" = "programme_applications"."member_id"
  inner join "orgs" on "orgs"."id" = "programme_applications"."org_id"
  where "programme_applications"."id" = $1;

-- applicationsByIds
select "programme_applications"."id", "programme_applications"."programme_id", "programmes"."title", "programmes"."kind", "programmes"."rules", "programmes"."org_id", "programme_org"."path", "programme_applications"."member_id", "members"."name", "programme_applications"."org_id", "orgs"."name", "orgs"."path", "programme_applications"."period", "programme_applications"."details", "programme_applications"."amount_fen", "programme_applications"."payee_bank", "programme_applications"."payee_account_masked", "programme_applications"."review_chain", "programme_applications"."status", "programme_applications"."created_at"
  from "programme_applications"
  inner join "programmes" on "programmes"."id" = "programme_applications"."programme_id"
  inner join "orgs" "programme_org" on "programme_org"."id" = "programmes"."org_id"
  inner join "members" on "members"."id" = "programme_applications"."member_id"
  inner join "orgs" on "orgs"."id" = "programme_applications"."org_id"
  where "programme_applications"."id" = any($1::uuid[]);

-- memberOfApplication
select "member_id"
  from "programme_applications"
  where "programme_applications"."id" = $1;

-- workerAccountOfMember
select "worker_accounts"."id"
  from "members"
  inner join "worker_accounts" on "worker_accounts"."phone_hash" = "members"."phone_hash"
  where "members"."id" = $1;

-- lockApplication
select "status"
  from "programme_applications"
  where "programme_applications"."id" = $1 for update;

-- activeApplicationFor
select "id"
  from "programme_applications"
  where ("programme_applications"."programme_id" = $1 and "programme_applications"."member_id" = $2 and "programme_applications"."period" = $3 and "programme_applications"."status" not in ($4, $5));

-- updateApplication
update "programme_applications"
  set "details" = $1, "amount_fen" = $2
  where "programme_applications"."id" = $3;

-- listApplications (staff)
select "programme_applications"."id", "programme_applications"."programme_id", "programmes"."title", "programmes"."kind", "programmes"."rules", "programmes"."org_id", "programme_org"."path", "programme_applications"."member_id", "members"."name", "programme_applications"."org_id", "orgs"."name", "orgs"."path", "programme_applications"."period", "programme_applications"."details", "programme_applications"."amount_fen", "programme_applications"."payee_bank", "programme_applications"."payee_account_masked", "programme_applications"."review_chain", "programme_applications"."status", "programme_applications"."created_at"
  from "programme_applications"
  inner join "programmes" on "programmes"."id" = "programme_applications"."programme_id"
  inner join "orgs" "programme_org" on "programme_org"."id" = "programmes"."org_id"
  inner join "members" on "members"."id" = "programme_applications"."member_id"
  inner join "orgs" on "orgs"."id" = "programme_applications"."org_id"
  where ("orgs"."path" <@ $1::ltree and "programme_applications"."programme_id" = $2 and "programme_applications"."status" = $3 and ("programme_applications"."review_chain"[array_position($4::text[], "programme_applications"."status")] = $5::uuid or ("programme_applications"."status" in ($6, $7) and "programmes"."org_id" = $8)) and ("programme_applications"."created_at", "programme_applications"."id") < ($9::timestamptz, $10::uuid))
  order by "programme_applications"."created_at" desc, "programme_applications"."id" desc
  limit $11;

-- listApplications (member)
select "programme_applications"."id", "programme_applications"."programme_id", "programmes"."title", "programmes"."kind", "programmes"."rules", "programmes"."org_id", "programme_org"."path", "programme_applications"."member_id", "members"."name", "programme_applications"."org_id", "orgs"."name", "orgs"."path", "programme_applications"."period", "programme_applications"."details", "programme_applications"."amount_fen", "programme_applications"."payee_bank", "programme_applications"."payee_account_masked", "programme_applications"."review_chain", "programme_applications"."status", "programme_applications"."created_at"
  from "programme_applications"
  inner join "programmes" on "programmes"."id" = "programme_applications"."programme_id"
  inner join "orgs" "programme_org" on "programme_org"."id" = "programmes"."org_id"
  inner join "members" on "members"."id" = "programme_applications"."member_id"
  inner join "orgs" on "orgs"."id" = "programme_applications"."org_id"
  where "programme_applications"."member_id" = $1
  order by "programme_applications"."created_at" desc, "programme_applications"."id" desc
  limit $2;

-- sumAppliedSince
select sum("amount_fen")
  from "programme_applications"
  where ("programme_applications"."programme_id" = $1 and "programme_applications"."member_id" = $2 and "programme_applications"."created_at" >= $3 and "programme_applications"."status" not in ($4, $5));

-- lockMemberApplications
select pg_advisory_xact_lock(hashtext($1), hashtext($2));

-- attachFiles
insert into "programme_application_attachments" ("application_id", "file_id")
  values ($1, $2);

-- ownedFileIds
select "id"
  from "files"
  where ("files"."owner_kind" = $1 and "files"."owner_id" = $2 and "files"."id" in ($3));

-- attachmentsOfApplications
select "application_id", "file_id"
  from "programme_application_attachments"
  where "programme_application_attachments"."application_id" = any($1::uuid[])
  order by "programme_application_attachments"."file_id" asc;

-- orgNames
select "id", "name"
  from "orgs"
  where "orgs"."id" = any($1::uuid[]);

-- lastNotice
select "seq", "content_hash"
  from "programme_notices"
  where "programme_notices"."programme_id" = $1
  order by "programme_notices"."seq" desc
  limit $2;

-- insertNotice
insert into "programme_notices" ("id", "programme_id", "level", "org_id", "seq", "content", "content_hash", "prev_hash", "opens_at", "closes_at", "created_by")
  values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  returning "id";

-- findNotice
select "programme_notices"."id", "programme_notices"."programme_id", "programmes"."title", "programmes"."kind", "programme_org"."path", "programme_notices"."level", "orgs"."name", "programme_notices"."seq", "programme_notices"."content", "programme_notices"."content_hash", "programme_notices"."prev_hash", "programme_notices"."opens_at", "programme_notices"."closes_at"
  from "programme_notices"
  inner join "programmes" on "programmes"."id" = "programme_notices"."programme_id"
  inner join "orgs" "programme_org" on "programme_org"."id" = "programmes"."org_id"
  inner join "orgs" on "orgs"."id" = "programme_notices"."org_id"
  where "programme_notices"."id" = $1;

-- noticesOfProgramme
select "id", "seq", "content", "content_hash", "prev_hash", "opens_at", "closes_at", (select count(*)
  from "programme_notice_entries"
  where "programme_notice_entries"."notice_id" = "programme_notices"."id")
  from "programme_notices"
  where "programme_notices"."programme_id" = $1
  order by "programme_notices"."seq" asc;

-- entriesOfProgramme
select "programme_notice_entries"."notice_id", "programme_notice_entries"."entry_no", "programme_notice_entries"."application_id"
  from "programme_notice_entries"
  inner join "programme_notices" on "programme_notices"."id" = "programme_notice_entries"."notice_id"
  where "programme_notices"."programme_id" = $1
  order by "programme_notice_entries"."notice_id" asc, "programme_notice_entries"."entry_no" asc;

-- publicNoticesOfProgramme
select "programme_notices"."id", "orgs"."name", "programme_notices"."seq", "programme_notices"."opens_at", "programme_notices"."closes_at", "programme_notices"."content_hash", (select count(*)
  from "programme_notice_entries"
  where "programme_notice_entries"."notice_id" = "programme_notices"."id")
  from "programme_notices"
  inner join "orgs" on "orgs"."id" = "programme_notices"."org_id"
  where ("programme_notices"."programme_id" = $1 and "programme_notices"."seq" < $2)
  order by "programme_notices"."seq" desc
  limit $3;

-- publicationRecords
select "audit_log"."details"
  from "audit_log"
  inner join "programme_applications" on "audit_log"."object_id" = "programme_applications"."id"::text
  where ("audit_log"."object_type" = $1 and "audit_log"."action" = $2 and "programme_applications"."programme_id" = $3);

-- noticesOfApplication
select "programme_notices"."id", "programme_notices"."closes_at", "programme_notice_entries"."entry_no"
  from "programme_notices"
  inner join "programme_notice_entries" on "programme_notice_entries"."notice_id" = "programme_notices"."id"
  where "programme_notice_entries"."application_id" = $1
  order by "programme_notices"."seq" asc for share of "programme_notices";

-- countUnansweredObjections
select count(*)
  from "programme_objections"
  where ("programme_objections"."answer" is null and (("programme_objections"."notice_id" = $1 and ("programme_objections"."entry_no" is null or "programme_objections"."entry_no" = $2)) or ("programme_objections"."notice_id" = $3 and ("programme_objections"."entry_no" is null or "programme_objections"."entry_no" = $4))));

-- noticeLinksOfApplication
select "programme_notices"."id", "orgs"."name", "programme_notices"."level", "programme_notice_entries"."entry_no", "programme_notices"."opens_at", "programme_notices"."closes_at"
  from "programme_notice_entries"
  inner join "programme_notices" on "programme_notices"."id" = "programme_notice_entries"."notice_id"
  inner join "orgs" on "orgs"."id" = "programme_notices"."org_id"
  where "programme_notice_entries"."application_id" = $1
  order by "programme_notices"."seq" asc;

-- lockNotice
select "opens_at", "closes_at"
  from "programme_notices"
  where "programme_notices"."id" = $1 for update;

-- entryExists
select count(*)
  from "programme_notice_entries"
  where ("programme_notice_entries"."notice_id" = $1 and "programme_notice_entries"."entry_no" = $2);

-- insertObjection
insert into "programme_objections" ("id", "notice_id", "entry_no", "objector_id", "content", "created_at", "answer", "answered_by", "answered_at")
  values (default, $1, default, $2, $3, $4, default, default, default)
  returning "id";

-- findObjection
select "programme_objections"."id", "programme_objections"."notice_id", "programme_objections"."entry_no", "programme_objections"."objector_id", "programme_objections"."content", "programme_objections"."created_at", "programme_objections"."answer", "programme_objections"."answered_at", "programme_notices"."programme_id", "programmes"."org_id", "orgs"."path"
  from "programme_objections"
  inner join "programme_notices" on "programme_notices"."id" = "programme_objections"."notice_id"
  inner join "programmes" on "programmes"."id" = "programme_notices"."programme_id"
  inner join "orgs" on "orgs"."id" = "programmes"."org_id"
  where "programme_objections"."id" = $1;

-- listObjections
select "programme_objections"."id", "programme_objections"."notice_id", "programme_objections"."entry_no", "programme_objections"."objector_id", "programme_objections"."content", "programme_objections"."created_at", "programme_objections"."answer", "programme_objections"."answered_at", "programme_notices"."programme_id", "programmes"."org_id", "orgs"."path"
  from "programme_objections"
  inner join "programme_notices" on "programme_notices"."id" = "programme_objections"."notice_id"
  inner join "programmes" on "programmes"."id" = "programme_notices"."programme_id"
  inner join "orgs" on "orgs"."id" = "programmes"."org_id"
  where ("programme_notices"."programme_id" = $1 and "programme_objections"."answer" is null and ("programme_objections"."created_at", "programme_objections"."id") < ($2::timestamptz, $3::uuid))
  order by "programme_objections"."created_at" desc, "programme_objections"."id" desc
  limit $4;

-- answerObjection
update "programme_objections"
  set "answer" = $1, "answered_by" = $2, "answered_at" = $3
  where ("programme_objections"."id" = $4 and "programme_objections"."answer" is null)
  returning "id";

-- insertBatch
insert into "disbursement_batches" ("id", "programme_id", "created_by", "created_at")
  values (default, $1, $2, $3)
  returning "id";

-- addFirstPayments
insert into "programme_payments" ("id", "batch_id", "application_id", "amount_fen", "status", "attempt", "failure_reason", "settled_at") select gen_random_uuid() as "id", $1::uuid as "batch_id", "id", "amount_fen", 'pending' as "status", 1 as "attempt", null as "failure_reason", null::timestamptz as "settled_at"
  from "programme_applications"
  where ("programme_applications"."programme_id" = $2 and "programme_applications"."status" = $3 and "programme_applications"."amount_fen" > $4 and "programme_applications"."payee_account_enc" is not null and not exists (select 1
  from "programme_payments"
  where "programme_payments"."application_id" = "programme_applications"."id")) for update
  on conflict ("application_id") do nothing
  returning "application_id";

-- reissueFailedPayments
update "programme_payments"
  set "batch_id" = $1, "status" = $2, "attempt" = "programme_payments"."attempt" + 1, "failure_reason" = $3, "settled_at" = $4
  where ("programme_payments"."status" = $5 and "programme_payments"."application_id" in (select "id"
  from "programme_applications"
  where ("programme_applications"."programme_id" = $6 and "programme_applications"."status" = $7)))
  returning "application_id";

-- findBatch
select "disbursement_batches"."id", "disbursement_batches"."programme_id", "programmes"."title", "programmes"."org_id", "orgs"."path", "disbursement_batches"."created_at"
  from "disbursement_batches"
  inner join "programmes" on "programmes"."id" = "disbursement_batches"."programme_id"
  inner join "orgs" on "orgs"."id" = "programmes"."org_id"
  where "disbursement_batches"."id" = $1;

-- paymentsOfBatch
select "programme_payments"."id", "programme_payments"."application_id", "members"."name", "programme_applications"."payee_bank", "programme_applications"."payee_account_masked", "programme_applications"."payee_account_enc", "programme_payments"."amount_fen", "programme_payments"."status", "programme_payments"."attempt", "programme_payments"."failure_reason"
  from "programme_payments"
  inner join "programme_applications" on "programme_applications"."id" = "programme_payments"."application_id"
  inner join "members" on "members"."id" = "programme_applications"."member_id"
  where ("programme_payments"."batch_id" = $1 and "programme_payments"."id" > $2 and "programme_payments"."status" = $3)
  order by "programme_payments"."id" asc
  limit $4;

-- batchTotals
select "status", count(*)::int, sum("amount_fen")::text
  from "programme_payments"
  where "programme_payments"."batch_id" = $1
  group by "programme_payments"."status";

-- listBatches
select "disbursement_batches"."id", "disbursement_batches"."programme_id", "disbursement_batches"."created_at", count(*) filter (where "programme_payments"."status" = $1)::int, coalesce(sum("programme_payments"."amount_fen") filter (where "programme_payments"."status" = $2), 0)::text, count(*) filter (where "programme_payments"."status" = $3)::int, coalesce(sum("programme_payments"."amount_fen") filter (where "programme_payments"."status" = $4), 0)::text, count(*) filter (where "programme_payments"."status" = $5)::int, coalesce(sum("programme_payments"."amount_fen") filter (where "programme_payments"."status" = $6), 0)::text
  from "disbursement_batches"
  left join "programme_payments" on "programme_payments"."batch_id" = "disbursement_batches"."id"
  where ("disbursement_batches"."programme_id" = $7 and ("disbursement_batches"."created_at", "disbursement_batches"."id") < ($8::timestamptz, $9::uuid))
  group by "disbursement_batches"."id"
  order by "disbursement_batches"."created_at" desc, "disbursement_batches"."id" desc
  limit $10;

-- settlePayment
update "programme_payments"
  set "status" = $1, "failure_reason" = $2, "settled_at" = $3
  where ("programme_payments"."id" = $4 and "programme_payments"."batch_id" = $5 and "programme_payments"."status" = $6)
  returning "application_id";

-- reconciliation
select count(*)::int, coalesce(sum("programme_applications"."amount_fen"), 0)::text, count(*) filter (where "programme_payments"."status" = 'paid')::int, coalesce(sum("programme_payments"."amount_fen") filter (where "programme_payments"."status" = 'paid'), 0)::text, count(*) filter (where "programme_payments"."status" = 'failed')::int, count(*) filter (where "programme_payments"."status" = 'pending')::int, count(*) filter (where "programme_payments"."id" is null)::int
  from "programme_applications"
  left join "programme_payments" on "programme_payments"."application_id" = "programme_applications"."id"
  where ("programme_applications"."programme_id" = $1 and "programme_applications"."status" in ($2, $3));

-- kinds.sumWorkDays
select sum("pay_fen")
  from "work_study_days"
  where ("work_study_days"."programme_id" = $1 and "work_study_days"."member_id" = $2 and "work_study_days"."work_date" >= $3 and "work_study_days"."work_date" < $4);

-- kinds.hasPayment
select "id"
  from "programme_payments"
  where "programme_payments"."application_id" = $1;

-- kinds.insertWorkDay
insert into "work_study_days" ("id", "application_id", "programme_id", "member_id", "work_date", "pay_fen", "note", "recorded_by", "created_at")
  values (default, $1, $2, $3, $4, $5, default, $6, $7)
  returning "id";
update "programme_applications"
  set "amount_fen" = "programme_applications"."amount_fen" + $1
  where "programme_applications"."id" = $2;

-- kinds.workDaysOf
select "id", "work_date", "pay_fen", "note", "recorded_by", "created_at"
  from "work_study_days"
  where "work_study_days"."application_id" = $1
  order by "work_study_days"."work_date" asc, "work_study_days"."created_at" asc;

-- kinds.monthTotalsOfMember
select to_char("work_date", 'YYYY-MM'), sum("pay_fen")
  from "work_study_days"
  where ("work_study_days"."programme_id" = $1 and "work_study_days"."member_id" = $2)
  group by to_char("work_study_days"."work_date", 'YYYY-MM')
  order by to_char("work_study_days"."work_date", 'YYYY-MM');

-- kinds.insertEnrolments
insert into "mutual_aid_enrolments" ("id", "programme_id", "member_id", "org_id", "starts_on", "ends_on", "source", "created_by", "created_at")
  values (default, $1, $2, $3, $4, $5, $6, $7, $8)
  on conflict ("programme_id","member_id") do nothing
  returning "member_id";

-- kinds.findEnrolment
select "mutual_aid_enrolments"."id", "mutual_aid_enrolments"."programme_id", "mutual_aid_enrolments"."member_id", "members"."name", "members"."phone_masked", "members"."id_number_masked", "mutual_aid_enrolments"."org_id", "orgs"."name", "orgs"."path", "mutual_aid_enrolments"."starts_on", "mutual_aid_enrolments"."ends_on", "mutual_aid_enrolments"."source", "mutual_aid_enrolments"."created_at"
  from "mutual_aid_enrolments"
  inner join "members" on "members"."id" = "mutual_aid_enrolments"."member_id"
  inner join "orgs" on "orgs"."id" = "mutual_aid_enrolments"."org_id"
  where ("mutual_aid_enrolments"."programme_id" = $1 and "mutual_aid_enrolments"."member_id" = $2);

-- kinds.listEnrolments
select "mutual_aid_enrolments"."id", "mutual_aid_enrolments"."programme_id", "mutual_aid_enrolments"."member_id", "members"."name", "members"."phone_masked", "members"."id_number_masked", "mutual_aid_enrolments"."org_id", "orgs"."name", "orgs"."path", "mutual_aid_enrolments"."starts_on", "mutual_aid_enrolments"."ends_on", "mutual_aid_enrolments"."source", "mutual_aid_enrolments"."created_at"
  from "mutual_aid_enrolments"
  inner join "members" on "members"."id" = "mutual_aid_enrolments"."member_id"
  inner join "orgs" on "orgs"."id" = "mutual_aid_enrolments"."org_id"
  where ("mutual_aid_enrolments"."programme_id" = $1 and "orgs"."path" <@ $2::ltree and ("mutual_aid_enrolments"."created_at", "mutual_aid_enrolments"."id") < ($3::timestamptz, $4::uuid))
  order by "mutual_aid_enrolments"."created_at" desc, "mutual_aid_enrolments"."id" desc
  limit $5;

-- kinds.enrolmentsOfMember
select "mutual_aid_enrolments"."programme_id", "programmes"."title", "programmes"."rules", "mutual_aid_enrolments"."starts_on", "mutual_aid_enrolments"."ends_on"
  from "mutual_aid_enrolments"
  inner join "programmes" on "programmes"."id" = "mutual_aid_enrolments"."programme_id"
  where "mutual_aid_enrolments"."member_id" = $1
  order by "mutual_aid_enrolments"."created_at" asc;

-- kinds.membersByHashes
select "members"."id", "members"."name", "members"."org_id", "orgs"."path", "members"."phone_hash", "members"."id_number_hash"
  from "members"
  inner join "orgs" on "orgs"."id" = "members"."org_id"
  where ("orgs"."path" <@ $1::ltree and ("members"."phone_hash" = any($2::text[]) or "members"."id_number_hash" = any($3::text[])));

-- kinds.countClaims
select count(*) as count
  from "programme_applications"
  where ("programme_applications"."programme_id" = $1 and "programme_applications"."member_id" = $2);;

-- documents.isAttachedTo
select "file_id"
  from "programme_application_attachments"
  where ("programme_application_attachments"."application_id" = $1 and "programme_application_attachments"."file_id" = $2);

-- quota.insertSignup
insert into "programme_signups" ("id", "programme_id", "member_id", "org_id", "honour_level", "front_line", "first_time", "arrival", "rank", "place_no", "status", "status_changed_at", "due_at", "created_by", "created_at")
  values (default, $1, $2, $3, default, $4, default, default, default, default, $5, $6, default, $7, $8)
  returning "id";

-- quota.findSignup
select "programme_signups"."id", "programme_signups"."programme_id", "programmes"."title", "programmes"."kind", "programmes"."rules", "programmes"."org_id", "programme_org"."path", "programme_signups"."member_id", "members"."name", "programme_signups"."org_id", "orgs"."name", "orgs"."path", "programme_signups"."honour_level", "programme_signups"."front_line", "programme_signups"."first_time", "programme_signups"."rank", "programme_signups"."place_no", "programme_signups"."status", "programme_signups"."created_at", "programme_signups"."arrival", coalesce("programme_signups"."rank", 1000000000 + "programme_signups"."arrival"), ((select count(*) + 1
  from "programme_signups" "waiting"
  where ("waiting"."programme_id" = "programme_signups"."programme_id" and "waiting"."status" = $1 and "waiting"."rank" < "programme_signups"."rank" and "programme_signups"."status" = 'waitlisted')))
  from "programme_signups"
  inner join "programmes" on "programmes"."id" = "programme_signups"."programme_id"
  inner join "orgs" "programme_org" on "programme_org"."id" = "programmes"."org_id"
  inner join "members" on "members"."id" = "programme_signups"."member_id"
  inner join "orgs" on "orgs"."id" = "programme_signups"."org_id"
  where "programme_signups"."id" = $2;

-- quota.activeSignupFor
select "id"
  from "programme_signups"
  where ("programme_signups"."programme_id" = $1 and "programme_signups"."member_id" = $2 and "programme_signups"."status" <> $3);

-- quota.listSignups
select "programme_signups"."id", "programme_signups"."programme_id", "programmes"."title", "programmes"."kind", "programmes"."rules", "programmes"."org_id", "programme_org"."path", "programme_signups"."member_id", "members"."name", "programme_signups"."org_id", "orgs"."name", "orgs"."path", "programme_signups"."honour_level", "programme_signups"."front_line", "programme_signups"."first_time", "programme_signups"."rank", "programme_signups"."place_no", "programme_signups"."status", "programme_signups"."created_at", "programme_signups"."arrival", coalesce("programme_signups"."rank", 1000000000 + "programme_signups"."arrival"), ((select count(*) + 1
  from "programme_signups" "waiting"
  where ("waiting"."programme_id" = "programme_signups"."programme_id" and "waiting"."status" = $1 and "waiting"."rank" < "programme_signups"."rank" and "programme_signups"."status" = 'waitlisted')))
  from "programme_signups"
  inner join "programmes" on "programmes"."id" = "programme_signups"."programme_id"
  inner join "orgs" "programme_org" on "programme_org"."id" = "programmes"."org_id"
  inner join "members" on "members"."id" = "programme_signups"."member_id"
  inner join "orgs" on "orgs"."id" = "programme_signups"."org_id"
  where ("programme_signups"."programme_id" = $2 and "orgs"."path" <@ $3::ltree and "programme_signups"."status" = $4 and coalesce("programme_signups"."rank", 1000000000 + "programme_signups"."arrival") > $5)
  order by coalesce("programme_signups"."rank", 1000000000 + "programme_signups"."arrival") asc
  limit $6;

-- quota.listSignups (member)
select "programme_signups"."id", "programme_signups"."programme_id", "programmes"."title", "programmes"."kind", "programmes"."rules", "programmes"."org_id", "programme_org"."path", "programme_signups"."member_id", "members"."name", "programme_signups"."org_id", "orgs"."name", "orgs"."path", "programme_signups"."honour_level", "programme_signups"."front_line", "programme_signups"."first_time", "programme_signups"."rank", "programme_signups"."place_no", "programme_signups"."status", "programme_signups"."created_at", "programme_signups"."arrival", coalesce("programme_signups"."rank", 1000000000 + "programme_signups"."arrival"), ((select count(*) + 1
  from "programme_signups" "waiting"
  where ("waiting"."programme_id" = "programme_signups"."programme_id" and "waiting"."status" = $1 and "waiting"."rank" < "programme_signups"."rank" and "programme_signups"."status" = 'waitlisted')))
  from "programme_signups"
  inner join "programmes" on "programmes"."id" = "programme_signups"."programme_id"
  inner join "orgs" "programme_org" on "programme_org"."id" = "programmes"."org_id"
  inner join "members" on "members"."id" = "programme_signups"."member_id"
  inner join "orgs" on "orgs"."id" = "programme_signups"."org_id"
  where ("programme_signups"."programme_id" = $2 and "programme_signups"."member_id" = $3)
  order by coalesce("programme_signups"."rank", 1000000000 + "programme_signups"."arrival") asc
  limit $4;

-- quota.signupsToRank
select "id", "member_id", "org_id", "honour_level", "front_line", "arrival"
  from "programme_signups"
  where ("programme_signups"."programme_id" = $1 and "programme_signups"."status" = $2)
  order by "programme_signups"."arrival" asc;

-- quota.membersWhoAttended
select distinct "programme_signups"."member_id"
  from "programme_signups"
  inner join "programmes" on "programmes"."id" = "programme_signups"."programme_id"
  where ("programme_signups"."member_id" = any($1::uuid[]) and "programme_signups"."status" = $2 and "programmes"."kind" = $3 and "programme_signups"."programme_id" <> $4);

-- quota.placesInUse
select "place_no"
  from "programme_signups"
  where ("programme_signups"."programme_id" = $1 and "programme_signups"."place_no" is not null);
select coalesce(max("rank"), 0)
  from "programme_signups"
  where "programme_signups"."programme_id" = $1;

-- quota.setRanking
update "programme_signups"
  set "first_time" = $1, "rank" = $2, "place_no" = $3
  where "programme_signups"."id" = $4;

-- quota.setPlace
update "programme_signups"
  set "place_no" = $1
  where "programme_signups"."id" = $2;

-- quota.firstWaiting
select "id", "member_id", "org_id", "rank"
  from "programme_signups"
  where ("programme_signups"."programme_id" = $1 and "programme_signups"."status" = $2)
  order by "programme_signups"."rank" asc
  limit $3 for update;

-- quota.lockSignup
select "status", "place_no"
  from "programme_signups"
  where "programme_signups"."id" = $1 for update;

-- quota.countByStatus
select "status", count(*)
  from "programme_signups"
  where ("programme_signups"."programme_id" = $1 and "programme_signups"."status" in ($2, $3))
  group by "programme_signups"."status";

-- quota.signupsByIds
select "id", "programme_id", "member_id", "org_id"
  from "programme_signups"
  where "programme_signups"."id" = any($1::uuid[]);

-- quota.correctFacts
update "programme_signups"
  set "honour_level" = $1, "front_line" = $2
  where "programme_signups"."id" = $3;

-- quota.signupsOfMember
select "programme_signups"."id", "programme_signups"."programme_id", "programmes"."title", "programmes"."kind", "programmes"."rules", "programmes"."org_id", "programme_org"."path", "programme_signups"."member_id", "members"."name", "programme_signups"."org_id", "orgs"."name", "orgs"."path", "programme_signups"."honour_level", "programme_signups"."front_line", "programme_signups"."first_time", "programme_signups"."rank", "programme_signups"."place_no", "programme_signups"."status", "programme_signups"."created_at", "programme_signups"."arrival", coalesce("programme_signups"."rank", 1000000000 + "programme_signups"."arrival"), ((select count(*) + 1
  from "programme_signups" "waiting"
  where ("waiting"."programme_id" = "programme_signups"."programme_id" and "waiting"."status" = $1 and "waiting"."rank" < "programme_signups"."rank" and "programme_signups"."status" = 'waitlisted')))
  from "programme_signups"
  inner join "programmes" on "programmes"."id" = "programme_signups"."programme_id"
  inner join "orgs" "programme_org" on "programme_org"."id" = "programmes"."org_id"
  inner join "members" on "members"."id" = "programme_signups"."member_id"
  inner join "orgs" on "orgs"."id" = "programme_signups"."org_id"
  where ("programme_signups"."member_id" = $2 and "programme_signups"."arrival" < $3)
  order by "programme_signups"."arrival" desc
  limit $4;
