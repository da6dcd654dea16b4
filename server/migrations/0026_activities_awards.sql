CREATE TABLE "award_nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"selection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"nominee_name" text NOT NULL,
	"nominee_member_id" uuid,
	"position" text NOT NULL,
	"deeds" text NOT NULL,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"source" text NOT NULL,
	"nominated_by_staff" uuid,
	"nominated_by_member" uuid,
	"poll_entry_id" uuid,
	"votes" integer,
	"status" text NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "award_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nomination_id" uuid NOT NULL,
	"selection_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"content" text NOT NULL,
	"resolution" text,
	"resolution_note" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "award_selections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"quota" integer NOT NULL,
	"description" text,
	"nomination_closes_at" timestamp with time zone NOT NULL,
	"poll_id" uuid,
	"publicity_starts_at" timestamp with time zone,
	"publicity_ends_at" timestamp with time zone,
	"awarded_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "award_selections_quota_ck" CHECK ("award_selections"."quota" >= 1)
);
--> statement-breakpoint
ALTER TABLE "award_nominations" ADD CONSTRAINT "award_nominations_selection_id_award_selections_id_fk" FOREIGN KEY ("selection_id") REFERENCES "public"."award_selections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_nominations" ADD CONSTRAINT "award_nominations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_nominations" ADD CONSTRAINT "award_nominations_nominee_member_id_members_id_fk" FOREIGN KEY ("nominee_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_nominations" ADD CONSTRAINT "award_nominations_nominated_by_staff_staff_id_fk" FOREIGN KEY ("nominated_by_staff") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_nominations" ADD CONSTRAINT "award_nominations_nominated_by_member_members_id_fk" FOREIGN KEY ("nominated_by_member") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_objections" ADD CONSTRAINT "award_objections_nomination_id_award_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."award_nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_objections" ADD CONSTRAINT "award_objections_selection_id_award_selections_id_fk" FOREIGN KEY ("selection_id") REFERENCES "public"."award_selections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_objections" ADD CONSTRAINT "award_objections_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_objections" ADD CONSTRAINT "award_objections_resolved_by_staff_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_selections" ADD CONSTRAINT "award_selections_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_selections" ADD CONSTRAINT "award_selections_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "award_nominations_selection_idx" ON "award_nominations" USING btree ("selection_id","created_at");--> statement-breakpoint
CREATE INDEX "award_nominations_member_idx" ON "award_nominations" USING btree ("nominated_by_member");--> statement-breakpoint
CREATE UNIQUE INDEX "award_nominations_self_uq" ON "award_nominations" USING btree ("selection_id","nominee_member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "award_objections_member_uq" ON "award_objections" USING btree ("nomination_id","member_id");--> statement-breakpoint
CREATE INDEX "award_objections_selection_idx" ON "award_objections" USING btree ("selection_id","created_at");--> statement-breakpoint
CREATE INDEX "award_selections_org_idx" ON "award_selections" USING btree ("org_id","created_at");