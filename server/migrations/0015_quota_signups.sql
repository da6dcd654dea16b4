CREATE TABLE "programme_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"honour_level" text,
	"front_line" boolean NOT NULL,
	"first_time" boolean,
	"arrival" integer GENERATED ALWAYS AS IDENTITY (sequence name "programme_signups_arrival_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"rank" integer,
	"place_no" integer,
	"status" text NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programme_signups" ADD CONSTRAINT "programme_signups_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_signups" ADD CONSTRAINT "programme_signups_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_signups" ADD CONSTRAINT "programme_signups_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "programme_signups_once_uq" ON "programme_signups" USING btree ("programme_id","member_id") WHERE "programme_signups"."status" <> 'withdrawn';--> statement-breakpoint
CREATE UNIQUE INDEX "programme_signups_place_uq" ON "programme_signups" USING btree ("programme_id","place_no") WHERE "programme_signups"."place_no" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "programme_signups_rank_uq" ON "programme_signups" USING btree ("programme_id","rank") WHERE "programme_signups"."rank" is not null;--> statement-breakpoint
CREATE INDEX "programme_signups_queue_idx" ON "programme_signups" USING btree ("programme_id","status","rank");--> statement-breakpoint
CREATE INDEX "programme_signups_member_idx" ON "programme_signups" USING btree ("member_id","status");