-- People erased by a privacy request, as HMAC-SHA256 of their Telegram user id under a key
-- derived from AUTH_SECRET (lib/ingest/erased-people.ts): ingest drops their facts, so a
-- later sync, import or webhook never brings them back. key_id names the key, so a process
-- with another (or no) AUTH_SECRET refuses to ingest instead of missing them.
CREATE TABLE "erased_people" (
	"hash" bytea PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "erased_people_key_id_idx" ON "erased_people" USING btree ("key_id");
