CREATE TABLE "suggestion_supports" (
	"suggestion_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suggestion_supports_suggestion_id_member_id_pk" PRIMARY KEY("suggestion_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"author_member_id" uuid NOT NULL,
	"author_org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"support_count" integer DEFAULT 0 NOT NULL,
	"reply" text,
	"replied_at" timestamp with time zone,
	"replied_by" uuid,
	"proposal_id" uuid,
	"source_proposal_id" uuid,
	"status" text NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestions_support_count_ck" CHECK ("suggestions"."support_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "union_review_answers" (
	"response_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"rating" text NOT NULL,
	CONSTRAINT "union_review_answers_response_id_question_id_pk" PRIMARY KEY("response_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "union_review_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "union_review_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "union_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "union_reviews_window_ck" CHECK ("union_reviews"."closes_at" > "union_reviews"."opens_at")
);
--> statement-breakpoint
ALTER TABLE "suggestion_supports" ADD CONSTRAINT "suggestion_supports_suggestion_id_suggestions_id_fk" FOREIGN KEY ("suggestion_id") REFERENCES "public"."suggestions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_supports" ADD CONSTRAINT "suggestion_supports_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_author_member_id_members_id_fk" FOREIGN KEY ("author_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_author_org_id_orgs_id_fk" FOREIGN KEY ("author_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_replied_by_staff_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_review_answers" ADD CONSTRAINT "union_review_answers_response_id_union_review_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."union_review_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_review_answers" ADD CONSTRAINT "union_review_answers_question_id_union_review_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."union_review_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_review_questions" ADD CONSTRAINT "union_review_questions_review_id_union_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."union_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_review_responses" ADD CONSTRAINT "union_review_responses_review_id_union_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."union_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_review_responses" ADD CONSTRAINT "union_review_responses_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_review_responses" ADD CONSTRAINT "union_review_responses_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_reviews" ADD CONSTRAINT "union_reviews_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_reviews" ADD CONSTRAINT "union_reviews_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "suggestions_org_idx" ON "suggestions" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "suggestions_author_idx" ON "suggestions" USING btree ("author_member_id","created_at");--> statement-breakpoint
CREATE INDEX "suggestions_support_idx" ON "suggestions" USING btree ("org_id","support_count");--> statement-breakpoint
CREATE UNIQUE INDEX "union_review_questions_position_uq" ON "union_review_questions" USING btree ("review_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "union_review_responses_member_uq" ON "union_review_responses" USING btree ("review_id","member_id");--> statement-breakpoint
CREATE INDEX "union_review_responses_org_idx" ON "union_review_responses" USING btree ("review_id","org_id");--> statement-breakpoint
CREATE INDEX "union_reviews_org_idx" ON "union_reviews" USING btree ("org_id","created_at");