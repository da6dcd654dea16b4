CREATE TABLE "mutual_aid_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mutual_aid_enrolments_period" CHECK ("mutual_aid_enrolments"."ends_on" >= "mutual_aid_enrolments"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "work_study_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"work_date" date NOT NULL,
	"pay_fen" bigint NOT NULL,
	"note" text,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "work_study_days_pay_positive" CHECK ("work_study_days"."pay_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "mutual_aid_enrolments" ADD CONSTRAINT "mutual_aid_enrolments_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutual_aid_enrolments" ADD CONSTRAINT "mutual_aid_enrolments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutual_aid_enrolments" ADD CONSTRAINT "mutual_aid_enrolments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutual_aid_enrolments" ADD CONSTRAINT "mutual_aid_enrolments_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_study_days" ADD CONSTRAINT "work_study_days_application_id_programme_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."programme_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_study_days" ADD CONSTRAINT "work_study_days_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_study_days" ADD CONSTRAINT "work_study_days_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mutual_aid_enrolments_member_uq" ON "mutual_aid_enrolments" USING btree ("programme_id","member_id");--> statement-breakpoint
CREATE INDEX "mutual_aid_enrolments_programme_idx" ON "mutual_aid_enrolments" USING btree ("programme_id","created_at");--> statement-breakpoint
CREATE INDEX "mutual_aid_enrolments_member_idx" ON "mutual_aid_enrolments" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "work_study_days_member_idx" ON "work_study_days" USING btree ("programme_id","member_id","work_date");--> statement-breakpoint
CREATE INDEX "work_study_days_application_idx" ON "work_study_days" USING btree ("application_id","work_date");