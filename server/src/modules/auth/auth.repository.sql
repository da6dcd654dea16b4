-- lastCodeSentAt
select "sent_at"
  from "sms_codes"
  where "sms_codes"."phone_hash" = $1
  order by "sms_codes"."sent_at" desc
  limit $2;

-- countCodesSince
select count(*)
  from "sms_codes"
  where ("sms_codes"."phone_hash" = $1 and "sms_codes"."sent_at" >= $2);

-- insertCode
insert into "sms_codes" ("id", "phone_hash", "code_hash", "client_address", "sent_at", "expires_at", "failed_attempts", "used_at")
  values (default, $1, $2, $3, $4, $5, default, default)
  returning "id";

-- latestLiveCode
select "id", "phone_hash", "code_hash", "client_address", "sent_at", "expires_at", "failed_attempts", "used_at"
  from "sms_codes"
  where ("sms_codes"."phone_hash" = $1 and "sms_codes"."used_at" is null and "sms_codes"."expires_at" > $2)
  order by "sms_codes"."sent_at" desc
  limit $3;

-- markCodeFailed
update "sms_codes"
  set "failed_attempts" = "sms_codes"."failed_attempts" + 1
  where "sms_codes"."id" = $1;

-- consumeCode
update "sms_codes"
  set "used_at" = $1
  where ("sms_codes"."id" = $2 and "sms_codes"."used_at" is null)
  returning "id";

-- upsertWorkerAccount
insert into "worker_accounts" ("id", "phone_hash", "phone_enc", "phone_masked", "created_at", "last_login_at")
  values (default, $1, $2, $3, default, $4)
  on conflict ("phone_hash") do update
  set "last_login_at" = $5
  returning "id", "phone_hash", "phone_masked";

-- findStaffForLogin
select "staff"."id", "staff"."username", "staff"."password_hash", "staff"."active", "staff"."roles", "staff"."org_id", "orgs"."name", "orgs"."region_code"
  from "staff"
  inner join "orgs" on "orgs"."id" = "staff"."org_id"
  where lower("staff"."username") = lower($1);

-- reserveLoginAttempt
select pg_advisory_xact_lock(hashtext('staff-login'), hashtext($1));
select count(*), min("at")
  from "login_failures"
  where ("login_failures"."username" = $1 and "login_failures"."at" >= $2);
insert into "login_failures" ("id", "username", "at")
  values (default, $1, default)
  returning "id";

-- clearLoginFailures
delete
  from "login_failures"
  where "login_failures"."username" = $1;

-- orgName
select "name", "region_code"
  from "orgs"
  where "orgs"."id" = $1;
