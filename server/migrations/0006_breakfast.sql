CREATE TABLE "breakfast_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"card_code" text NOT NULL,
	"enrolled_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "breakfast_partners" (
	"merchant_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "breakfast_servings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"merchant_id" uuid NOT NULL,
	"served_on" date NOT NULL,
	"served_at" timestamp with time zone DEFAULT now() NOT NULL,
	"served_by" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "breakfast_enrolments" ADD CONSTRAINT "breakfast_enrolments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakfast_enrolments" ADD CONSTRAINT "breakfast_enrolments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakfast_partners" ADD CONSTRAINT "breakfast_partners_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakfast_partners" ADD CONSTRAINT "breakfast_partners_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakfast_servings" ADD CONSTRAINT "breakfast_servings_enrolment_id_breakfast_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."breakfast_enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakfast_servings" ADD CONSTRAINT "breakfast_servings_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "breakfast_enrolments_member_uq" ON "breakfast_enrolments" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "breakfast_enrolments_card_uq" ON "breakfast_enrolments" USING btree ("card_code");--> statement-breakpoint
CREATE UNIQUE INDEX "breakfast_servings_once_a_day" ON "breakfast_servings" USING btree ("enrolment_id","served_on");--> statement-breakpoint
CREATE INDEX "breakfast_servings_merchant_idx" ON "breakfast_servings" USING btree ("merchant_id","served_on");