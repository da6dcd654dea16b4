CREATE TABLE "motion_ballots" (
	"motion_id" uuid NOT NULL,
	"representative_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	CONSTRAINT "motion_ballots_motion_id_representative_id_pk" PRIMARY KEY("motion_id","representative_id")
);
--> statement-breakpoint
CREATE TABLE "motion_disclosures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"motion_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"content" text NOT NULL,
	"content_hash" text NOT NULL,
	"prev_hash" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "motions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"congress_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"document_file_id" uuid,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"announced_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"result_for" integer,
	"result_against" integer,
	"result_abstain" integer,
	"result_representatives" integer
);
--> statement-breakpoint
ALTER TABLE "motion_ballots" ADD CONSTRAINT "motion_ballots_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_ballots" ADD CONSTRAINT "motion_ballots_representative_id_congress_representatives_id_fk" FOREIGN KEY ("representative_id") REFERENCES "public"."congress_representatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_disclosures" ADD CONSTRAINT "motion_disclosures_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_disclosures" ADD CONSTRAINT "motion_disclosures_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_disclosures" ADD CONSTRAINT "motion_disclosures_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_document_file_id_files_id_fk" FOREIGN KEY ("document_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_closed_by_staff_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "motion_disclosures_seq_uq" ON "motion_disclosures" USING btree ("org_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "motion_disclosures_motion_uq" ON "motion_disclosures" USING btree ("motion_id");--> statement-breakpoint
CREATE INDEX "motions_congress_idx" ON "motions" USING btree ("congress_id","created_at");