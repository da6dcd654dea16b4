CREATE TABLE "skills_competitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"registration_closes_at" timestamp with time zone NOT NULL,
	"prize_tiers" jsonb NOT NULL,
	"results_published_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "skills_competitions_dates_ck" CHECK ("skills_competitions"."ends_on" >= "skills_competitions"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "skills_contestants" (
	"entry_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "skills_contestants_entry_id_member_id_pk" PRIMARY KEY("entry_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "skills_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"team_name" text,
	"registered_by" text NOT NULL,
	"theory_score" integer,
	"practical_score" integer,
	"total_score" integer,
	"scored_by" uuid,
	"scored_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "skills_entries_scores_ck" CHECK (coalesce("skills_entries"."theory_score", 0) between 0 and 10000 and coalesce("skills_entries"."practical_score", 0) between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "skills_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"competition_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"min_team_size" integer NOT NULL,
	"max_team_size" integer NOT NULL,
	"theory_weight" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "skills_events_weight_ck" CHECK ("skills_events"."theory_weight" between 0 and 100),
	CONSTRAINT "skills_events_size_ck" CHECK ("skills_events"."min_team_size" >= 1 and "skills_events"."max_team_size" >= "skills_events"."min_team_size")
);
--> statement-breakpoint
ALTER TABLE "skills_competitions" ADD CONSTRAINT "skills_competitions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills_competitions" ADD CONSTRAINT "skills_competitions_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills_contestants" ADD CONSTRAINT "skills_contestants_entry_id_skills_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."skills_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills_contestants" ADD CONSTRAINT "skills_contestants_event_id_skills_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."skills_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills_contestants" ADD CONSTRAINT "skills_contestants_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills_entries" ADD CONSTRAINT "skills_entries_event_id_skills_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."skills_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills_entries" ADD CONSTRAINT "skills_entries_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills_entries" ADD CONSTRAINT "skills_entries_scored_by_staff_id_fk" FOREIGN KEY ("scored_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills_events" ADD CONSTRAINT "skills_events_competition_id_skills_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."skills_competitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "skills_competitions_org_idx" ON "skills_competitions" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "skills_contestants_event_member_uq" ON "skills_contestants" USING btree ("event_id","member_id");--> statement-breakpoint
CREATE INDEX "skills_contestants_member_idx" ON "skills_contestants" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "skills_entries_event_idx" ON "skills_entries" USING btree ("event_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "skills_events_name_uq" ON "skills_events" USING btree ("competition_id","name");