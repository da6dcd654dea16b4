CREATE TABLE "rate_counters" (
	"key" text NOT NULL,
	"period" bigint NOT NULL,
	"count" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_counters_key_period_pk" PRIMARY KEY("key","period")
);
--> statement-breakpoint
CREATE INDEX "rate_counters_expiry_idx" ON "rate_counters" USING btree ("expires_at");