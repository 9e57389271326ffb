CREATE TABLE "fan_presence" (
	"fan_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"present_from" timestamp with time zone NOT NULL,
	CONSTRAINT "fan_presence_fan_id_community_id_pk" PRIMARY KEY("fan_id","community_id")
);
--> statement-breakpoint
CREATE TABLE "fan_stage_pending" (
	"fan_id" bigint NOT NULL,
	"from_stage" "lifecycle_stage",
	"to_stage" "lifecycle_stage" NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"rule_set_version" integer NOT NULL,
	"features" jsonb NOT NULL,
	CONSTRAINT "fan_stage_pending_fan_id_changed_at_pk" PRIMARY KEY("fan_id","changed_at")
);
--> statement-breakpoint
CREATE TABLE "stage_day_deltas" (
	"community_id" bigint NOT NULL,
	"day" date NOT NULL,
	"stage" "lifecycle_stage" NOT NULL,
	"delta" bigint NOT NULL,
	CONSTRAINT "stage_day_deltas_community_id_day_stage_pk" PRIMARY KEY("community_id","day","stage")
);
--> statement-breakpoint
ALTER TABLE "lifecycle_dirty_fans" ADD COLUMN "earliest_at" timestamp with time zone DEFAULT '-infinity' NOT NULL;--> statement-breakpoint
ALTER TABLE "lifecycle_state" ADD COLUMN "history_engine" integer;--> statement-breakpoint
CREATE INDEX "fan_stage_pending_time_idx" ON "fan_stage_pending" USING btree ("changed_at");