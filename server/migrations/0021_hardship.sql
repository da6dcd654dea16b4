CREATE TABLE "aid_campaign_targets" (
	"campaign_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "aid_campaign_targets_campaign_id_household_id_pk" PRIMARY KEY("campaign_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "aid_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"season" text NOT NULL,
	"year" smallint NOT NULL,
	"title" text NOT NULL,
	"budget_fen" bigint NOT NULL,
	"spent_fen" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "aid_campaigns_budget_ck" CHECK ("aid_campaigns"."budget_fen" >= 0 and "aid_campaigns"."spent_fen" >= 0 and "aid_campaigns"."spent_fen" <= "aid_campaigns"."budget_fen")
);
--> statement-breakpoint
CREATE TABLE "hardship_aid" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" integer,
	"description" text NOT NULL,
	"given_on" date NOT NULL,
	"donor_id" uuid,
	"campaign_id" uuid,
	"via" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hardship_aid_amount_ck" CHECK ("hardship_aid"."amount_fen" is null or "hardship_aid"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "hardship_donors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hardship_household_files" (
	"household_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"added_by" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hardship_household_files_household_id_file_id_pk" PRIMARY KEY("household_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "hardship_households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"filed_by_staff_id" uuid NOT NULL,
	"filed_by_org_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"head_name" text NOT NULL,
	"head_id_hash" text NOT NULL,
	"head_id_enc" text NOT NULL,
	"head_id_masked" text NOT NULL,
	"phone_hash" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_masked" text NOT NULL,
	"member_id" uuid,
	"region_code" text NOT NULL,
	"address" text NOT NULL,
	"size" smallint NOT NULL,
	"monthly_income_fen" integer NOT NULL,
	"causes" text[] NOT NULL,
	"note" text,
	"consent_at" timestamp with time zone,
	"level" text,
	"archived_at" timestamp with time zone,
	"last_reviewed_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"verification_note" text,
	"rejection_reason" text,
	"status" text NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hardship_households_size_ck" CHECK ("hardship_households"."size" between 1 and 30),
	CONSTRAINT "hardship_households_income_ck" CHECK ("hardship_households"."monthly_income_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "hardship_plan_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"title" text NOT NULL,
	"kind" text,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"done_note" text
);
--> statement-breakpoint
CREATE TABLE "hardship_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"goal" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hardship_standards" (
	"region_code" text PRIMARY KEY NOT NULL,
	"monthly_income_line_fen" integer NOT NULL,
	"relative_income_line_fen" integer,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hardship_standards_line_ck" CHECK ("hardship_standards"."monthly_income_line_fen" > 0),
	CONSTRAINT "hardship_standards_relative_ck" CHECK ("hardship_standards"."relative_income_line_fen" is null or "hardship_standards"."relative_income_line_fen" >= "hardship_standards"."monthly_income_line_fen")
);
--> statement-breakpoint
CREATE TABLE "hardship_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"household_id" uuid,
	"place" text,
	"visited_on" date NOT NULL,
	"visitors" text[] NOT NULL,
	"people_reached" integer,
	"findings" text NOT NULL,
	"follow_up" text,
	"follow_up_done_at" timestamp with time zone,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hardship_visits_subject_ck" CHECK (("hardship_visits"."subject" = 'household') = ("hardship_visits"."household_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "aid_campaign_targets" ADD CONSTRAINT "aid_campaign_targets_campaign_id_aid_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."aid_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_campaign_targets" ADD CONSTRAINT "aid_campaign_targets_household_id_hardship_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."hardship_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_campaigns" ADD CONSTRAINT "aid_campaigns_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_campaigns" ADD CONSTRAINT "aid_campaigns_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_aid" ADD CONSTRAINT "hardship_aid_household_id_hardship_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."hardship_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_aid" ADD CONSTRAINT "hardship_aid_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_aid" ADD CONSTRAINT "hardship_aid_donor_id_hardship_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."hardship_donors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_aid" ADD CONSTRAINT "hardship_aid_campaign_id_aid_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."aid_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_aid" ADD CONSTRAINT "hardship_aid_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_donors" ADD CONSTRAINT "hardship_donors_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_household_files" ADD CONSTRAINT "hardship_household_files_household_id_hardship_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."hardship_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_household_files" ADD CONSTRAINT "hardship_household_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_household_files" ADD CONSTRAINT "hardship_household_files_added_by_staff_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_households" ADD CONSTRAINT "hardship_households_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_households" ADD CONSTRAINT "hardship_households_filed_by_staff_id_staff_id_fk" FOREIGN KEY ("filed_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_households" ADD CONSTRAINT "hardship_households_filed_by_org_id_orgs_id_fk" FOREIGN KEY ("filed_by_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_households" ADD CONSTRAINT "hardship_households_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_plan_measures" ADD CONSTRAINT "hardship_plan_measures_plan_id_hardship_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."hardship_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_plans" ADD CONSTRAINT "hardship_plans_household_id_hardship_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."hardship_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_plans" ADD CONSTRAINT "hardship_plans_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_standards" ADD CONSTRAINT "hardship_standards_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_visits" ADD CONSTRAINT "hardship_visits_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_visits" ADD CONSTRAINT "hardship_visits_household_id_hardship_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."hardship_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_visits" ADD CONSTRAINT "hardship_visits_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "aid_campaign_targets_household_idx" ON "aid_campaign_targets" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "aid_campaigns_org_idx" ON "aid_campaigns" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "hardship_aid_household_idx" ON "hardship_aid" USING btree ("household_id","given_on");--> statement-breakpoint
CREATE INDEX "hardship_aid_donor_idx" ON "hardship_aid" USING btree ("donor_id");--> statement-breakpoint
CREATE INDEX "hardship_aid_org_idx" ON "hardship_aid" USING btree ("org_id","given_on");--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_aid_campaign_uq" ON "hardship_aid" USING btree ("campaign_id","household_id") WHERE "hardship_aid"."campaign_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_aid_cash_uq" ON "hardship_aid" USING btree ("household_id","given_on","amount_fen") WHERE "hardship_aid"."kind" = 'cash' and "hardship_aid"."campaign_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_donors_name_uq" ON "hardship_donors" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_households_head_id_uq" ON "hardship_households" USING btree ("head_id_hash");--> statement-breakpoint
CREATE INDEX "hardship_households_org_idx" ON "hardship_households" USING btree ("org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "hardship_households_filer_idx" ON "hardship_households" USING btree ("filed_by_staff_id","created_at");--> statement-breakpoint
CREATE INDEX "hardship_households_region_idx" ON "hardship_households" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "hardship_households_due_idx" ON "hardship_households" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "hardship_households_member_idx" ON "hardship_households" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "hardship_households_name_trgm" ON "hardship_households" USING gin ("head_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "hardship_plan_measures_plan_idx" ON "hardship_plan_measures" USING btree ("plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_plans_version_uq" ON "hardship_plans" USING btree ("household_id","version");--> statement-breakpoint
CREATE INDEX "hardship_visits_org_idx" ON "hardship_visits" USING btree ("org_id","visited_on");--> statement-breakpoint
CREATE INDEX "hardship_visits_household_idx" ON "hardship_visits" USING btree ("household_id","visited_on");