CREATE TYPE "public"."customer_link_source" AS ENUM('order', 'support', 'bot');--> statement-breakpoint
CREATE TYPE "public"."purchase_status" AS ENUM('paid', 'refunded');--> statement-breakpoint
CREATE TABLE "customers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_key" text NOT NULL,
	"fan_id" bigint,
	"linked_by" "customer_link_source",
	"linked_by_user_id" bigint,
	"linked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_customer_key_unique" UNIQUE("customer_key"),
	CONSTRAINT "customers_link_complete" CHECK (("customers"."fan_id" is null) = ("customers"."linked_by" is null))
);
--> statement-breakpoint
CREATE TABLE "currency_rates" (
	"base" char(3) NOT NULL,
	"currency" char(3) NOT NULL,
	"day" date NOT NULL,
	"rate" numeric(24, 12) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_user_id" bigint,
	CONSTRAINT "currency_rates_base_currency_day_pk" PRIMARY KEY("base","currency","day"),
	CONSTRAINT "currency_rates_positive" CHECK ("currency_rates"."rate" > 0)
);
--> statement-breakpoint
CREATE TABLE "revenue_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"base_currency" char(3) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_user_id" bigint,
	CONSTRAINT "revenue_settings_one_row" CHECK ("revenue_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"source_id" bigint NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"order_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_events_source_id_event_id_pk" PRIMARY KEY("source_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "webhook_secrets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_secrets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_id" bigint NOT NULL,
	"ciphertext" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_sources" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_sources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_user_id" bigint,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customer_values" (
	"customer_id" bigint PRIMARY KEY NOT NULL,
	"fit_id" bigint NOT NULL,
	"frequency" integer NOT NULL,
	"recency" double precision NOT NULL,
	"age" double precision NOT NULL,
	"monetary_value" double precision NOT NULL,
	"p_alive" double precision,
	"expected_purchases_90d" double precision,
	"expected_value" double precision,
	"clv_12m" double precision,
	"r_score" smallint NOT NULL,
	"f_score" smallint NOT NULL,
	"m_score" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "value_fits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "value_fits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"as_of" timestamp with time zone NOT NULL,
	"fitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"requested_by_user_id" bigint,
	"currency" char(3),
	"customers" integer NOT NULL,
	"bg_nbd" jsonb,
	"gamma_gamma" jsonb,
	"problem" text,
	"seconds" double precision NOT NULL
);
--> statement-breakpoint
ALTER TABLE "purchases" ALTER COLUMN "fan_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "customer_id" bigint;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "status" "purchase_status" DEFAULT 'paid' NOT NULL;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "base_amount" numeric(16, 2);--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_fan_id_fans_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."fans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_linked_by_user_id_users_id_fk" FOREIGN KEY ("linked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "currency_rates" ADD CONSTRAINT "currency_rates_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revenue_settings" ADD CONSTRAINT "revenue_settings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_source_id_webhook_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."webhook_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_secrets" ADD CONSTRAINT "webhook_secrets_source_id_webhook_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."webhook_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_sources" ADD CONSTRAINT "webhook_sources_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_values" ADD CONSTRAINT "customer_values_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_values" ADD CONSTRAINT "customer_values_fit_id_value_fits_id_fk" FOREIGN KEY ("fit_id") REFERENCES "public"."value_fits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_fits" ADD CONSTRAINT "value_fits_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customers_fan_idx" ON "customers" USING btree ("fan_id");--> statement-breakpoint
CREATE INDEX "webhook_secrets_source_idx" ON "webhook_secrets" USING btree ("source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_sources_name_idx" ON "webhook_sources" USING btree (lower("name"));--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "purchases_customer_time_idx" ON "purchases" USING btree ("customer_id","occurred_at");--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_amount_sign" CHECK (("purchases"."status" = 'paid' and "purchases"."amount" >= 0) or ("purchases"."status" = 'refunded' and "purchases"."amount" <= 0));--> statement-breakpoint
-- Purchases already stored get customers: the ids the shop gave (fan_external_ids, dropped
-- next), else one per fan named after its Telegram id; the commonest currency is the base.
INSERT INTO "customers" ("customer_key", "fan_id", "linked_by", "linked_at")
SELECT DISTINCT ON ("external_id") "external_id", "fan_id", 'order', now()
FROM "fan_external_ids" ORDER BY "external_id", ("system" <> 'shop'), "fan_id";--> statement-breakpoint
INSERT INTO "customers" ("customer_key", "fan_id", "linked_by", "linked_at")
SELECT 'tg:' || f."telegram_user_id", f."id", 'order', now() FROM "fans" f
WHERE EXISTS (SELECT 1 FROM "purchases" p WHERE p."fan_id" = f."id")
  AND NOT EXISTS (SELECT 1 FROM "customers" c WHERE c."fan_id" = f."id")
ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "purchases" p SET "customer_id" =
  (SELECT c."id" FROM "customers" c WHERE c."fan_id" = p."fan_id" ORDER BY c."id" LIMIT 1);--> statement-breakpoint
ALTER TABLE "purchases" ALTER COLUMN "customer_id" SET NOT NULL;--> statement-breakpoint
INSERT INTO "revenue_settings" ("id", "base_currency")
SELECT 1, "currency" FROM "purchases" GROUP BY "currency" ORDER BY count(*) DESC, "currency" LIMIT 1;--> statement-breakpoint
UPDATE "purchases" SET "base_amount" = "amount"
WHERE "currency" = (SELECT "base_currency" FROM "revenue_settings");
