CREATE TABLE "segments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "segments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "fans_username_lower_idx";--> statement-breakpoint
ALTER TABLE "fans" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "segments_name_lower_idx" ON "segments" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "fan_external_ids_external_id_idx" ON "fan_external_ids" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "fans_username_prefix_idx" ON "fans" USING btree (lower("username") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "fans_first_name_prefix_idx" ON "fans" USING btree (lower("first_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "fans_last_name_prefix_idx" ON "fans" USING btree (lower("last_name") text_pattern_ops);