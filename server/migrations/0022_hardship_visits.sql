ALTER TABLE "hardship_visits" ADD COLUMN "follow_up_done_by" uuid;--> statement-breakpoint
ALTER TABLE "hardship_visits" ADD COLUMN "follow_up_done_note" text;--> statement-breakpoint
ALTER TABLE "hardship_visits" ADD CONSTRAINT "hardship_visits_follow_up_done_by_staff_id_fk" FOREIGN KEY ("follow_up_done_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;