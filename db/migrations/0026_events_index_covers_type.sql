-- The lifecycle engine reads a fan's events by (fan, community, time) and needs only their
-- type beyond the key. With the type in the index those reads are index-only: events lie in
-- the heap in arrival order, so fetching each row cost a random page read per event, half
-- of a full history rebuild and most of a live refresh at a million fans. drizzle cannot
-- declare INCLUDE, so the schema names the index and this migration shapes it.
DROP INDEX IF EXISTS "events_fan_community_time_idx";--> statement-breakpoint
CREATE INDEX "events_fan_community_time_idx" ON "events" USING btree ("fan_id","community_id","occurred_at") INCLUDE ("type");
