DROP INDEX "programme_payments_batch_idx";--> statement-breakpoint
CREATE INDEX "programme_payments_batch_idx" ON "programme_payments" USING btree ("batch_id","id");