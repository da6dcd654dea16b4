CREATE TABLE "contest_assignments" (
	"contest_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"judge_staff_id" uuid NOT NULL,
	"scores" jsonb,
	"total" double precision,
	"comment" text,
	"scored_at" timestamp with time zone,
	"assigned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contest_assignments_entry_id_judge_staff_id_pk" PRIMARY KEY("entry_id","judge_staff_id"),
	CONSTRAINT "contest_assignments_total_ck" CHECK ("contest_assignments"."total" is null or ("contest_assignments"."total" >= 0 and "contest_assignments"."total" <= 100))
);
--> statement-breakpoint
CREATE TABLE "contest_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contest_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"member_id" uuid,
	"account_id" uuid,
	"entered_by_staff_id" uuid,
	"entrant_name" text NOT NULL,
	"team_name" text,
	"team_members" text[] NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"award" text,
	"awarded_at" timestamp with time zone,
	"certificate_code" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contest_entry_files" (
	"entry_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "contest_entry_files_entry_id_file_id_pk" PRIMARY KEY("entry_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "contest_judges" (
	"contest_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contest_judges_contest_id_staff_id_pk" PRIMARY KEY("contest_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "contests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"categories" jsonb NOT NULL,
	"rubric" jsonb NOT NULL,
	"judges_per_entry" integer NOT NULL,
	"submissions_open_at" timestamp with time zone,
	"submissions_close_at" timestamp with time zone,
	"status" text NOT NULL,
	"judging_opened_at" timestamp with time zone,
	"judging_closed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contests_judges_per_entry_ck" CHECK ("contests"."judges_per_entry" >= 3)
);
--> statement-breakpoint
ALTER TABLE "contest_assignments" ADD CONSTRAINT "contest_assignments_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_assignments" ADD CONSTRAINT "contest_assignments_entry_id_contest_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."contest_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_assignments" ADD CONSTRAINT "contest_assignments_judge_staff_id_staff_id_fk" FOREIGN KEY ("judge_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_entered_by_staff_id_staff_id_fk" FOREIGN KEY ("entered_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entry_files" ADD CONSTRAINT "contest_entry_files_entry_id_contest_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."contest_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entry_files" ADD CONSTRAINT "contest_entry_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_judges" ADD CONSTRAINT "contest_judges_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_judges" ADD CONSTRAINT "contest_judges_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contests" ADD CONSTRAINT "contests_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contests" ADD CONSTRAINT "contests_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contest_assignments_judge_idx" ON "contest_assignments" USING btree ("judge_staff_id","contest_id");--> statement-breakpoint
CREATE INDEX "contest_assignments_contest_idx" ON "contest_assignments" USING btree ("contest_id");--> statement-breakpoint
CREATE INDEX "contest_entries_contest_idx" ON "contest_entries" USING btree ("contest_id","created_at");--> statement-breakpoint
CREATE INDEX "contest_entries_member_idx" ON "contest_entries" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "contest_entries_certificate_uq" ON "contest_entries" USING btree ("certificate_code");--> statement-breakpoint
CREATE UNIQUE INDEX "contest_entry_files_file_uq" ON "contest_entry_files" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "contests_org_idx" ON "contests" USING btree ("org_id","created_at");