CREATE TABLE "station_code_counters" (
	"region_code" text NOT NULL,
	"type" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "station_code_counters_region_code_type_pk" PRIMARY KEY("region_code","type")
);
--> statement-breakpoint
CREATE TABLE "station_daily_usage" (
	"station_id" uuid NOT NULL,
	"day" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"qr_scans" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "station_daily_usage_station_id_day_pk" PRIMARY KEY("station_id","day")
);
--> statement-breakpoint
CREATE TABLE "station_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"rated_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"address" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"always_open" boolean DEFAULT false NOT NULL,
	"open_days" smallint[] DEFAULT '{1,2,3,4,5,6,7}'::smallint[] NOT NULL,
	"opens_at" time,
	"closes_at" time,
	"schedule_date" date,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"supplies" text,
	"phone" text,
	"manager_id" uuid,
	"photo_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "station_daily_usage" ADD CONSTRAINT "station_daily_usage_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_ratings" ADD CONSTRAINT "station_ratings_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_ratings" ADD CONSTRAINT "station_ratings_account_id_worker_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."worker_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_manager_id_staff_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "station_ratings_once_a_day" ON "station_ratings" USING btree ("station_id","account_id","rated_on");--> statement-breakpoint
CREATE INDEX "station_ratings_station_idx" ON "station_ratings" USING btree ("station_id","rated_on");--> statement-breakpoint
CREATE UNIQUE INDEX "stations_code_uq" ON "stations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "stations_knn" ON "stations" USING gist (ll_to_earth("lat", "lng"));--> statement-breakpoint
CREATE INDEX "stations_org_idx" ON "stations" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "stations_name_trgm" ON "stations" USING gin ("name" gin_trgm_ops);