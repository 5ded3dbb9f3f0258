CREATE TABLE "alert_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "alert_maintenance_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"matchers" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"recurrence" text DEFAULT 'none' NOT NULL,
	"repeat_until" timestamp with time zone,
	"maintenance_plan_id" text,
	"created_by_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alert_probe_results" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"probe_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"response_ms" integer,
	"status_code" integer,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "alert_probes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"method" text DEFAULT 'GET' NOT NULL,
	"expected_status" text DEFAULT '200-399' NOT NULL,
	"timeout_ms" integer DEFAULT 10000 NOT NULL,
	"slow_ms" integer,
	"interval_seconds" integer DEFAULT 60 NOT NULL,
	"failures_to_alert" integer DEFAULT 2 NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_checked_at" timestamp with time zone,
	"last_outcome" text,
	"last_response_ms" integer,
	"last_error" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"consecutive_slow" integer DEFAULT 0 NOT NULL,
	"alert_state" text DEFAULT 'ok' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_groups" ADD COLUMN "last_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alert_groups" ADD COLUMN "growth_raised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alert_groups" ADD COLUMN "war_room_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alert_groups" ADD COLUMN "war_room_conversation_id" text;--> statement-breakpoint
ALTER TABLE "alert_groups" ADD COLUMN "war_room_title" text;--> statement-breakpoint
CREATE INDEX "alert_maintenance_windows_live_idx" ON "alert_maintenance_windows" USING btree ("cancelled_at","ends_at");--> statement-breakpoint
CREATE INDEX "alert_probe_results_probe_idx" ON "alert_probe_results" USING btree ("probe_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_probes_name_idx" ON "alert_probes" USING btree ("name");--> statement-breakpoint
CREATE INDEX "alert_probes_due_idx" ON "alert_probes" USING btree ("enabled","next_run_at");