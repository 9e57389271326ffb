DROP INDEX "events_community_time_idx";--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "source_key" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "memberships" ALTER COLUMN "source_key" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "purchases" ALTER COLUMN "source_key" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
-- Room on each page for a fan's later events of the same day: the rollup's update then stays
-- on its page (a HOT update) instead of adding an entry to each of fan_daily's indexes.
ALTER TABLE "fan_daily" SET (fillfactor = 75);
