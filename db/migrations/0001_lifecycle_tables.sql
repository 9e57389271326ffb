CREATE TABLE "fan_lifecycle" (
	"fan_id" bigint PRIMARY KEY NOT NULL,
	"stage" "lifecycle_stage" NOT NULL,
	"rule" text NOT NULL,
	"rule_set_version" integer NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"next_check_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lifecycle_dirty_fans" (
	"fan_id" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lifecycle_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"rule_set_version" integer,
	"refreshed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stage_daily_counts" (
	"community_id" bigint NOT NULL,
	"day" date NOT NULL,
	"stage" "lifecycle_stage" NOT NULL,
	"fans" integer NOT NULL,
	"rule_set_version" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_daily_counts_community_id_day_stage_pk" PRIMARY KEY("community_id","day","stage")
);
--> statement-breakpoint
ALTER TABLE "fan_stage_history" DROP CONSTRAINT "fan_stage_history_fan_id_fans_id_fk";
--> statement-breakpoint
DROP INDEX "events_fan_time_idx";--> statement-breakpoint
ALTER TABLE "rule_sets" ADD COLUMN "based_on_version" integer;--> statement-breakpoint
ALTER TABLE "stage_daily_counts" ADD CONSTRAINT "stage_daily_counts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fan_lifecycle_next_check_idx" ON "fan_lifecycle" USING btree ("next_check_at");--> statement-breakpoint
CREATE INDEX "fan_lifecycle_stage_idx" ON "fan_lifecycle" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "events_fan_community_time_idx" ON "events" USING btree ("fan_id","community_id","occurred_at");