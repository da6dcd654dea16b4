CREATE TABLE "walk_challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"daily_goal_steps" integer,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "walk_challenges_days_ck" CHECK ("walk_challenges"."ends_on" >= "walk_challenges"."starts_on"),
	CONSTRAINT "walk_challenges_goal_ck" CHECK ("walk_challenges"."daily_goal_steps" is null or "walk_challenges"."daily_goal_steps" > 0)
);
--> statement-breakpoint
CREATE TABLE "walk_days" (
	"challenge_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"day" date NOT NULL,
	"steps" integer NOT NULL,
	"source" text NOT NULL,
	"org_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "walk_days_challenge_id_member_id_day_pk" PRIMARY KEY("challenge_id","member_id","day"),
	CONSTRAINT "walk_days_steps_ck" CHECK ("walk_days"."steps" between 0 and 100000)
);
--> statement-breakpoint
ALTER TABLE "walk_challenges" ADD CONSTRAINT "walk_challenges_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "walk_challenges" ADD CONSTRAINT "walk_challenges_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "walk_days" ADD CONSTRAINT "walk_days_challenge_id_walk_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."walk_challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "walk_days" ADD CONSTRAINT "walk_days_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "walk_days" ADD CONSTRAINT "walk_days_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "walk_challenges_org_idx" ON "walk_challenges" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "walk_days_day_idx" ON "walk_days" USING btree ("challenge_id","day");