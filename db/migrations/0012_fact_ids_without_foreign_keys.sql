ALTER TABLE "events" DROP CONSTRAINT "events_fan_id_fans_id_fk";
--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_community_id_communities_id_fk";
--> statement-breakpoint
ALTER TABLE "fan_daily" DROP CONSTRAINT "fan_daily_fan_id_fans_id_fk";
--> statement-breakpoint
ALTER TABLE "fan_daily" DROP CONSTRAINT "fan_daily_community_id_communities_id_fk";
