ALTER TABLE "quiz_draws" ADD COLUMN "external_seed" text;--> statement-breakpoint
ALTER TABLE "quizzes" ADD COLUMN "draw_seed" text DEFAULT encode(gen_random_bytes(32), 'hex') NOT NULL;