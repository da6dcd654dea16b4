CREATE TABLE "poll_ballots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "poll_ballots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"poll_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	"address" text NOT NULL,
	"new_account" boolean NOT NULL,
	"voided_at" timestamp with time zone,
	"void_flag_id" uuid
);
--> statement-breakpoint
CREATE TABLE "poll_bursts" (
	"poll_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"shard" smallint NOT NULL,
	"ballots" integer NOT NULL,
	CONSTRAINT "poll_bursts_poll_id_entry_id_kind_address_window_start_shard_pk" PRIMARY KEY("poll_id","entry_id","kind","address","window_start","shard")
);
--> statement-breakpoint
CREATE TABLE "poll_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poll_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"nominated_by" uuid,
	"nominator_account_id" uuid,
	"added_by" uuid,
	"source_entry_id" uuid,
	"status" text NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_entry_votes" (
	"entry_id" uuid NOT NULL,
	"shard" smallint NOT NULL,
	"votes" bigint NOT NULL,
	CONSTRAINT "poll_entry_votes_entry_id_shard_pk" PRIMARY KEY("entry_id","shard")
);
--> statement-breakpoint
CREATE TABLE "poll_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poll_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"ballots_at_flag" integer NOT NULL,
	"voided_ballots" integer,
	"status" text NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_member_days" (
	"poll_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"day" date NOT NULL,
	"votes" integer NOT NULL,
	"by_entry" jsonb NOT NULL,
	CONSTRAINT "poll_member_days_poll_id_member_id_day_pk" PRIMARY KEY("poll_id","member_id","day")
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"ballots_per_member_per_day" integer NOT NULL,
	"per_entry_per_day" integer NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"previous_poll_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "polls_window_ck" CHECK ("polls"."ends_at" > "polls"."starts_at"),
	CONSTRAINT "polls_limits_ck" CHECK ("polls"."ballots_per_member_per_day" >= 1 and "polls"."per_entry_per_day" >= 1)
);
--> statement-breakpoint
ALTER TABLE "poll_ballots" ADD CONSTRAINT "poll_ballots_entry_id_poll_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."poll_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_entries" ADD CONSTRAINT "poll_entries_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_entries" ADD CONSTRAINT "poll_entries_nominated_by_members_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_entries" ADD CONSTRAINT "poll_entries_nominator_account_id_worker_accounts_id_fk" FOREIGN KEY ("nominator_account_id") REFERENCES "public"."worker_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_entries" ADD CONSTRAINT "poll_entries_added_by_staff_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_entry_votes" ADD CONSTRAINT "poll_entry_votes_entry_id_poll_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."poll_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_flags" ADD CONSTRAINT "poll_flags_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_flags" ADD CONSTRAINT "poll_flags_entry_id_poll_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."poll_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "poll_ballots_entry_idx" ON "poll_ballots" USING btree ("poll_id","entry_id","cast_at");--> statement-breakpoint
CREATE INDEX "poll_entries_poll_idx" ON "poll_entries" USING btree ("poll_id","status","created_at");--> statement-breakpoint
CREATE INDEX "poll_entries_nominator_idx" ON "poll_entries" USING btree ("nominated_by");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_flags_burst_uq" ON "poll_flags" USING btree ("poll_id","entry_id","kind","address","window_start");--> statement-breakpoint
CREATE INDEX "poll_flags_poll_idx" ON "poll_flags" USING btree ("poll_id","status","created_at");--> statement-breakpoint
CREATE INDEX "polls_org_idx" ON "polls" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "polls_previous_uq" ON "polls" USING btree ("previous_poll_id");