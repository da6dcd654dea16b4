ALTER TABLE "files" ALTER COLUMN "content" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "storage_key" text;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_bytes_somewhere" CHECK (("files"."storage_key" is null) <> ("files"."content" is null));