CREATE TABLE "alert_group_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"group_id" bigint NOT NULL,
	"firing_delta" integer NOT NULL,
	"muted_firing_delta" integer NOT NULL,
	"added" integer NOT NULL,
	"flips" integer NOT NULL,
	"level" smallint NOT NULL,
	"level_reason" text NOT NULL,
	"matched_rule" text,
	"summary" text,
	"muted" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "alerts_inhibiting_idx";--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "previous_state" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "alerts_inhibitors_idx" ON "alerts" USING btree ("inhibition_key") WHERE "alerts"."level" = 1 AND "alerts"."status" = 'firing';