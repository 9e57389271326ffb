-- Which worker process holds each Telegram account's one connection: Telegram refuses a
-- session used from two connections at once (AUTH_KEY_DUPLICATED). The holder renews
-- expires_at on a heartbeat; once it has passed, another worker may take the account over.
-- paused_until outlives a change of holder: no worker connects the account before it.
CREATE TABLE "telegram_account_leases" (
	"account_id" bigint PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"acquired_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"paused_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "telegram_account_leases" ADD CONSTRAINT "telegram_account_leases_account_id_telegram_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."telegram_accounts"("id") ON DELETE cascade ON UPDATE no action;
