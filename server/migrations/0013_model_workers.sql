CREATE TABLE "model_worker_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_worker_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"checked_by" uuid NOT NULL,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_workers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"honour_level" text NOT NULL,
	"title" text NOT NULL,
	"awarded_year" smallint NOT NULL,
	"unit" text,
	"status" text NOT NULL,
	"status_date" date,
	"status_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programme_applications" ADD COLUMN "exclusive_key" text;--> statement-breakpoint
ALTER TABLE "model_worker_checks" ADD CONSTRAINT "model_worker_checks_model_worker_id_model_workers_id_fk" FOREIGN KEY ("model_worker_id") REFERENCES "public"."model_workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_worker_checks" ADD CONSTRAINT "model_worker_checks_checked_by_staff_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_workers" ADD CONSTRAINT "model_workers_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_workers" ADD CONSTRAINT "model_workers_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "model_worker_checks_year_uq" ON "model_worker_checks" USING btree ("model_worker_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "model_workers_member_uq" ON "model_workers" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "model_workers_created_idx" ON "model_workers" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_applications_exclusive_uq" ON "programme_applications" USING btree ("member_id","exclusive_key") WHERE "programme_applications"."exclusive_key" is not null and "programme_applications"."status" not in ('rejected', 'withdrawn');