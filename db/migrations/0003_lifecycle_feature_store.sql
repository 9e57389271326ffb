CREATE TABLE "fan_features" (
	"fan_id" bigint PRIMARY KEY NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"last_engaged_at" timestamp with time zone,
	"first_window_engagements" bigint NOT NULL,
	"window_engagements" bigint NOT NULL,
	"window_messages" bigint NOT NULL,
	"active_days" bigint NOT NULL,
	"spend" numeric NOT NULL,
	"left_all" boolean NOT NULL,
	"window_drop_at" timestamp with time zone,
	"spend_drop_at" timestamp with time zone,
	"valid_until" timestamp with time zone GENERATED ALWAYS AS (least(window_drop_at, spend_drop_at)) STORED,
	"silence_from" timestamp with time zone GENERATED ALWAYS AS (coalesce(last_engaged_at, joined_at)) STORED
);
--> statement-breakpoint
DROP INDEX "fan_lifecycle_next_check_idx";--> statement-breakpoint
ALTER TABLE "lifecycle_state" ADD COLUMN "feature_windows" jsonb;--> statement-breakpoint
ALTER TABLE "lifecycle_state" ADD COLUMN "features_as_of" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "fan_features_valid_until_idx" ON "fan_features" USING btree ("valid_until");--> statement-breakpoint
CREATE INDEX "fan_features_silence_from_idx" ON "fan_features" USING btree ("silence_from");--> statement-breakpoint
CREATE INDEX "fan_features_joined_at_idx" ON "fan_features" USING btree ("joined_at");--> statement-breakpoint
ALTER TABLE "fan_lifecycle" DROP COLUMN "rule_set_version";--> statement-breakpoint
ALTER TABLE "fan_lifecycle" DROP COLUMN "next_check_at";