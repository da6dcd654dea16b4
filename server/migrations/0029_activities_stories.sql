CREATE TABLE "story_collections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_collections_window_ck" CHECK ("story_collections"."closes_at" > "story_collections"."opens_at")
);
--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "collection_id" uuid;--> statement-breakpoint
ALTER TABLE "story_collections" ADD CONSTRAINT "story_collections_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_collections" ADD CONSTRAINT "story_collections_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "story_collections_org_idx" ON "story_collections" USING btree ("org_id","opens_at");--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_collection_id_story_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."story_collections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stories_collection_idx" ON "stories" USING btree ("collection_id","status");