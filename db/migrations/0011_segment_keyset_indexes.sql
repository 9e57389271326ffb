DROP INDEX "fan_features_silence_from_idx";--> statement-breakpoint
DROP INDEX "fan_features_joined_at_idx";--> statement-breakpoint
CREATE INDEX "fan_features_silence_from_fan_idx" ON "fan_features" USING btree ("silence_from","fan_id");--> statement-breakpoint
CREATE INDEX "fan_features_joined_at_fan_idx" ON "fan_features" USING btree ("joined_at","fan_id");--> statement-breakpoint
CREATE INDEX "fan_features_spend_fan_idx" ON "fan_features" USING btree ("spend","fan_id");