CREATE TABLE "value_fit_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "value_fit_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"requested_by_user_id" bigint,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"fit_id" bigint,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "value_fit_requests" ADD CONSTRAINT "value_fit_requests_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_fit_requests" ADD CONSTRAINT "value_fit_requests_fit_id_value_fits_id_fk" FOREIGN KEY ("fit_id") REFERENCES "public"."value_fits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "purchases_order_idx" ON "purchases" USING btree ("order_id");