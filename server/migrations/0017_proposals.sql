CREATE TABLE "proposal_attachments" (
	"proposal_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	CONSTRAINT "proposal_attachments_proposal_id_file_id_pk" PRIMARY KEY("proposal_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_cosigners" (
	"proposal_id" uuid NOT NULL,
	"representative_id" uuid NOT NULL,
	"status" text NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "proposal_cosigners_proposal_id_representative_id_pk" PRIMARY KEY("proposal_id","representative_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_reminders" (
	"proposal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on_date" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "proposal_reminders_proposal_id_kind_on_date_pk" PRIMARY KEY("proposal_id","kind","on_date")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"congress_id" uuid NOT NULL,
	"proposer_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"review_reason" text,
	"handler_org_id" uuid,
	"assigned_at" timestamp with time zone,
	"external_platform" text,
	"external_ref" text,
	"referred_at" timestamp with time zone,
	"reply" text,
	"reply_source" text,
	"replied_at" timestamp with time zone,
	"reopen_count" smallint DEFAULT 0 NOT NULL,
	"rating_score" smallint,
	"rating_satisfied" boolean,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proposal_attachments" ADD CONSTRAINT "proposal_attachments_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_attachments" ADD CONSTRAINT "proposal_attachments_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_cosigners" ADD CONSTRAINT "proposal_cosigners_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_cosigners" ADD CONSTRAINT "proposal_cosigners_representative_id_congress_representatives_id_fk" FOREIGN KEY ("representative_id") REFERENCES "public"."congress_representatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reminders" ADD CONSTRAINT "proposal_reminders_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_proposer_id_congress_representatives_id_fk" FOREIGN KEY ("proposer_id") REFERENCES "public"."congress_representatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_handler_org_id_orgs_id_fk" FOREIGN KEY ("handler_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposal_cosigners_representative_idx" ON "proposal_cosigners" USING btree ("representative_id");--> statement-breakpoint
CREATE INDEX "proposals_congress_idx" ON "proposals" USING btree ("congress_id","created_at");--> statement-breakpoint
CREATE INDEX "proposals_proposer_idx" ON "proposals" USING btree ("proposer_id","created_at");--> statement-breakpoint
CREATE INDEX "proposals_handler_idx" ON "proposals" USING btree ("handler_org_id","status");--> statement-breakpoint
CREATE INDEX "proposals_due_idx" ON "proposals" USING btree ("status","due_at");