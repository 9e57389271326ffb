CREATE TYPE "public"."community_kind" AS ENUM('channel', 'group', 'supergroup');--> statement-breakpoint
CREATE TYPE "public"."event_type" AS ENUM('message', 'reply', 'reaction', 'poll_vote', 'bot_interaction', 'link_click', 'invite');--> statement-breakpoint
CREATE TYPE "public"."membership_action" AS ENUM('join', 'leave');--> statement-breakpoint
CREATE TYPE "public"."membership_source" AS ENUM('admin_log', 'participants', 'live', 'export', 'demo');--> statement-breakpoint
CREATE TYPE "public"."lifecycle_stage" AS ENUM('new', 'active', 'core', 'high_value', 'at_risk', 'churned');--> statement-breakpoint
CREATE TYPE "public"."rule_set_status" AS ENUM('draft', 'published', 'archived');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'operator', 'growth', 'support');--> statement-breakpoint
CREATE TABLE "communities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "communities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"telegram_id" bigint NOT NULL,
	"kind" "community_kind" NOT NULL,
	"title" text NOT NULL,
	"username" text,
	"linked_community_id" bigint,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "communities_telegram_id_unique" UNIQUE("telegram_id"),
	CONSTRAINT "communities_time_zone_nonempty" CHECK ("communities"."time_zone" <> '')
);
--> statement-breakpoint
CREATE TABLE "fan_external_ids" (
	"fan_id" bigint NOT NULL,
	"system" text NOT NULL,
	"external_id" text NOT NULL,
	CONSTRAINT "fan_external_ids_fan_id_system_pk" PRIMARY KEY("fan_id","system"),
	CONSTRAINT "fan_external_ids_system_external_id_unique" UNIQUE("system","external_id")
);
--> statement-breakpoint
CREATE TABLE "fans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"telegram_user_id" bigint NOT NULL,
	"username" text,
	"first_name" text,
	"last_name" text,
	"language_code" text,
	"is_bot" boolean DEFAULT false NOT NULL,
	"first_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fans_telegram_user_id_unique" UNIQUE("telegram_user_id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_key" text NOT NULL,
	"fan_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"type" "event_type" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"value" numeric,
	"payload" jsonb,
	CONSTRAINT "events_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE TABLE "fan_daily" (
	"fan_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"day" date NOT NULL,
	"engagements" integer DEFAULT 0 NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	"reactions" integer DEFAULT 0 NOT NULL,
	"poll_votes" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"bot_actions" integer DEFAULT 0 NOT NULL,
	"invites" integer DEFAULT 0 NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fan_daily_fan_id_community_id_day_pk" PRIMARY KEY("fan_id","community_id","day")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "memberships_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_key" text NOT NULL,
	"fan_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"action" "membership_action" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"invited_by_fan_id" bigint,
	"invite_link" text,
	"source" "membership_source" NOT NULL,
	CONSTRAINT "memberships_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE TABLE "post_view_snapshots" (
	"post_id" bigint NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"views" integer NOT NULL,
	"forwards" integer NOT NULL,
	"reactions" integer NOT NULL,
	"replies" integer NOT NULL,
	CONSTRAINT "post_view_snapshots_post_id_captured_at_pk" PRIMARY KEY("post_id","captured_at")
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"message_id" bigint NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"text" text,
	"views" integer DEFAULT 0 NOT NULL,
	"forwards" integer DEFAULT 0 NOT NULL,
	"reactions" integer DEFAULT 0 NOT NULL,
	"replies" integer DEFAULT 0 NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "posts_community_message_key" UNIQUE("community_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "purchases" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "purchases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_key" text NOT NULL,
	"order_id" text NOT NULL,
	"fan_id" bigint NOT NULL,
	"community_id" bigint,
	"amount" numeric(14, 2) NOT NULL,
	"currency" char(3) NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "purchases_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE TABLE "fan_stage_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fan_stage_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"fan_id" bigint NOT NULL,
	"from_stage" "lifecycle_stage",
	"to_stage" "lifecycle_stage" NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"rule_set_version" integer NOT NULL,
	"features" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_sets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rule_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"version" integer NOT NULL,
	"status" "rule_set_status" NOT NULL,
	"params" jsonb NOT NULL,
	"note" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" bigint,
	"published_at" timestamp with time zone,
	CONSTRAINT "rule_sets_version_unique" UNIQUE("version")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" bigint,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "telegram_accounts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "telegram_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"phone" text,
	"session_ciphertext" "bytea" NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "user_role" NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"community_id" bigint NOT NULL,
	"stream" text NOT NULL,
	"cursor" jsonb,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer,
	"last_run_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"flood_wait_until" timestamp with time zone,
	CONSTRAINT "sync_state_community_id_stream_pk" PRIMARY KEY("community_id","stream")
);
--> statement-breakpoint
CREATE TABLE "fan_tags" (
	"fan_id" bigint NOT NULL,
	"tag_id" bigint NOT NULL,
	"added_by" bigint,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fan_tags_fan_id_tag_id_pk" PRIMARY KEY("fan_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tags_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_linked_community_id_communities_id_fk" FOREIGN KEY ("linked_community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_external_ids" ADD CONSTRAINT "fan_external_ids_fan_id_fans_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."fans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_fan_id_fans_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."fans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_daily" ADD CONSTRAINT "fan_daily_fan_id_fans_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."fans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_daily" ADD CONSTRAINT "fan_daily_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_fan_id_fans_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."fans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_invited_by_fan_id_fans_id_fk" FOREIGN KEY ("invited_by_fan_id") REFERENCES "public"."fans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_view_snapshots" ADD CONSTRAINT "post_view_snapshots_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_fan_id_fans_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."fans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_stage_history" ADD CONSTRAINT "fan_stage_history_fan_id_fans_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."fans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_sets" ADD CONSTRAINT "rule_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_sets" ADD CONSTRAINT "rule_sets_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_state" ADD CONSTRAINT "sync_state_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_tags" ADD CONSTRAINT "fan_tags_fan_id_fans_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."fans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_tags" ADD CONSTRAINT "fan_tags_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fan_tags" ADD CONSTRAINT "fan_tags_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fans_username_lower_idx" ON "fans" USING btree (lower("username"));--> statement-breakpoint
CREATE INDEX "events_fan_time_idx" ON "events" USING btree ("fan_id","occurred_at");--> statement-breakpoint
CREATE INDEX "events_community_time_idx" ON "events" USING btree ("community_id","occurred_at");--> statement-breakpoint
CREATE INDEX "fan_daily_community_day_idx" ON "fan_daily" USING btree ("community_id","day");--> statement-breakpoint
CREATE INDEX "memberships_fan_community_time_idx" ON "memberships" USING btree ("fan_id","community_id","occurred_at");--> statement-breakpoint
CREATE INDEX "posts_community_time_idx" ON "posts" USING btree ("community_id","posted_at");--> statement-breakpoint
CREATE INDEX "purchases_fan_time_idx" ON "purchases" USING btree ("fan_id","occurred_at");--> statement-breakpoint
CREATE INDEX "fan_stage_history_fan_time_idx" ON "fan_stage_history" USING btree ("fan_id","changed_at");--> statement-breakpoint
CREATE INDEX "fan_stage_history_time_idx" ON "fan_stage_history" USING btree ("changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_sets_one_published_idx" ON "rule_sets" USING btree ("status") WHERE "rule_sets"."status" = 'published';--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));