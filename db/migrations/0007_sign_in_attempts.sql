CREATE TABLE "sign_in_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sign_in_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"email_lower" text NOT NULL,
	"ip" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"succeeded" boolean NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sign_in_attempts_email_failed_idx" ON "sign_in_attempts" USING btree ("email_lower","at") WHERE not "sign_in_attempts"."succeeded";--> statement-breakpoint
CREATE INDEX "sign_in_attempts_ip_failed_idx" ON "sign_in_attempts" USING btree ("ip","at") WHERE not "sign_in_attempts"."succeeded";--> statement-breakpoint
CREATE INDEX "sign_in_attempts_at_idx" ON "sign_in_attempts" USING btree ("at");