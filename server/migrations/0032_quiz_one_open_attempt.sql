-- Attempts opened beside another before this rule: keep each member's newest open attempt of a quiz, expire the rest.
UPDATE "quiz_attempts" SET "status" = 'expired', "correct_count" = 0, "score" = 0, "passed" = false
WHERE "status" = 'open' AND "id" NOT IN (
  SELECT DISTINCT ON ("quiz_id", "member_id") "id" FROM "quiz_attempts" WHERE "status" = 'open'
  ORDER BY "quiz_id", "member_id", "started_at" DESC
);--> statement-breakpoint
CREATE UNIQUE INDEX "quiz_attempts_one_open_uq" ON "quiz_attempts" USING btree ("quiz_id","member_id") WHERE "quiz_attempts"."status" = 'open';
