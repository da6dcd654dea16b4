CREATE TABLE "hardship_visit_photos" (
	"visit_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	CONSTRAINT "hardship_visit_photos_visit_id_file_id_pk" PRIMARY KEY("visit_id","file_id")
);
--> statement-breakpoint
ALTER TABLE "hardship_visit_photos" ADD CONSTRAINT "hardship_visit_photos_visit_id_hardship_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."hardship_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_visit_photos" ADD CONSTRAINT "hardship_visit_photos_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_visit_photos_file_uq" ON "hardship_visit_photos" USING btree ("file_id");