CREATE TABLE "disbursement_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_application_attachments" (
	"application_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	CONSTRAINT "programme_application_attachments_application_id_file_id_pk" PRIMARY KEY("application_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "programme_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"period" text NOT NULL,
	"details" jsonb NOT NULL,
	"amount_fen" bigint NOT NULL,
	"payee_bank" text,
	"payee_account_enc" text,
	"payee_account_masked" text,
	"review_chain" uuid[] NOT NULL,
	"status" text NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_notice_entries" (
	"notice_id" uuid NOT NULL,
	"entry_no" integer NOT NULL,
	"application_id" uuid NOT NULL,
	CONSTRAINT "programme_notice_entries_notice_id_entry_no_pk" PRIMARY KEY("notice_id","entry_no")
);
--> statement-breakpoint
CREATE TABLE "programme_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"org_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"content" text NOT NULL,
	"content_hash" text NOT NULL,
	"prev_hash" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"entry_no" integer,
	"objector_id" uuid NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "programme_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"attempt" integer NOT NULL,
	"failure_reason" text,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disbursement_batches" ADD CONSTRAINT "disbursement_batches_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_batches" ADD CONSTRAINT "disbursement_batches_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_application_attachments" ADD CONSTRAINT "programme_application_attachments_application_id_programme_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."programme_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_application_attachments" ADD CONSTRAINT "programme_application_attachments_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_applications" ADD CONSTRAINT "programme_applications_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_applications" ADD CONSTRAINT "programme_applications_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_applications" ADD CONSTRAINT "programme_applications_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_notice_entries" ADD CONSTRAINT "programme_notice_entries_notice_id_programme_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."programme_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_notice_entries" ADD CONSTRAINT "programme_notice_entries_application_id_programme_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."programme_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_notices" ADD CONSTRAINT "programme_notices_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_notices" ADD CONSTRAINT "programme_notices_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_notices" ADD CONSTRAINT "programme_notices_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_objections" ADD CONSTRAINT "programme_objections_notice_id_programme_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."programme_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_objections" ADD CONSTRAINT "programme_objections_objector_id_worker_accounts_id_fk" FOREIGN KEY ("objector_id") REFERENCES "public"."worker_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_objections" ADD CONSTRAINT "programme_objections_answered_by_staff_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_payments" ADD CONSTRAINT "programme_payments_batch_id_disbursement_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."disbursement_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_payments" ADD CONSTRAINT "programme_payments_application_id_programme_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."programme_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disbursement_batches_programme_idx" ON "disbursement_batches" USING btree ("programme_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_applications_once_uq" ON "programme_applications" USING btree ("programme_id","member_id","period") WHERE "programme_applications"."status" not in ('rejected', 'withdrawn');--> statement-breakpoint
CREATE INDEX "programme_applications_programme_idx" ON "programme_applications" USING btree ("programme_id","status","created_at");--> statement-breakpoint
CREATE INDEX "programme_applications_member_idx" ON "programme_applications" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "programme_applications_org_idx" ON "programme_applications" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_notice_entries_application_uq" ON "programme_notice_entries" USING btree ("notice_id","application_id");--> statement-breakpoint
CREATE INDEX "programme_notice_entries_application_idx" ON "programme_notice_entries" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_notices_seq_uq" ON "programme_notices" USING btree ("programme_id","seq");--> statement-breakpoint
CREATE INDEX "programme_objections_notice_idx" ON "programme_objections" USING btree ("notice_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_payments_application_uq" ON "programme_payments" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "programme_payments_batch_idx" ON "programme_payments" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "programmes_org_idx" ON "programmes" USING btree ("org_id","created_at");