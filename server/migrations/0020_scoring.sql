CREATE TABLE "duty_record_photos" (
	"duty_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	CONSTRAINT "duty_record_photos_duty_id_file_id_pk" PRIMARY KEY("duty_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "duty_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"congress_id" uuid NOT NULL,
	"representative_id" uuid NOT NULL,
	"indicator_code" text NOT NULL,
	"occurred_on" date NOT NULL,
	"note" text NOT NULL,
	"entered_by" text NOT NULL,
	"reject_reason" text,
	"status" text NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "congress_score_snapshots" (
	"congress_id" uuid NOT NULL,
	"representative_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"position" integer NOT NULL,
	"delegation" text,
	"score" jsonb NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "congress_score_snapshots_congress_id_representative_id_pk" PRIMARY KEY("congress_id","representative_id")
);
--> statement-breakpoint
CREATE TABLE "congress_scoring_models" (
	"congress_id" uuid PRIMARY KEY NOT NULL,
	"model" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "duty_record_photos" ADD CONSTRAINT "duty_record_photos_duty_id_duty_records_id_fk" FOREIGN KEY ("duty_id") REFERENCES "public"."duty_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_record_photos" ADD CONSTRAINT "duty_record_photos_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_records" ADD CONSTRAINT "duty_records_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_records" ADD CONSTRAINT "duty_records_representative_id_congress_representatives_id_fk" FOREIGN KEY ("representative_id") REFERENCES "public"."congress_representatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "congress_score_snapshots" ADD CONSTRAINT "congress_score_snapshots_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "congress_score_snapshots" ADD CONSTRAINT "congress_score_snapshots_representative_id_congress_representatives_id_fk" FOREIGN KEY ("representative_id") REFERENCES "public"."congress_representatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "congress_scoring_models" ADD CONSTRAINT "congress_scoring_models_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "congress_scoring_models" ADD CONSTRAINT "congress_scoring_models_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "duty_records_congress_idx" ON "duty_records" USING btree ("congress_id","created_at");--> statement-breakpoint
CREATE INDEX "duty_records_representative_idx" ON "duty_records" USING btree ("representative_id","status");--> statement-breakpoint
CREATE INDEX "congress_score_snapshots_order_idx" ON "congress_score_snapshots" USING btree ("congress_id","position");