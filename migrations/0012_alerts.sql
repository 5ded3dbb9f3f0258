CREATE TABLE "alert_group_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"group_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_groups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" uuid NOT NULL,
	"group_key" text NOT NULL,
	"labels" jsonb NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"level" smallint NOT NULL,
	"level_reason" text NOT NULL,
	"matched_rule" text,
	"level_raised" boolean DEFAULT false NOT NULL,
	"route_group_id" text,
	"escalation_policy_id" text,
	"on_call_schedule_id" text,
	"status" text NOT NULL,
	"firing_count" integer DEFAULT 0 NOT NULL,
	"alert_count" integer DEFAULT 0 NOT NULL,
	"suppressed" boolean DEFAULT false NOT NULL,
	"flips" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"flapping" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"acknowledged_by_dingtalk_id" text,
	"resolved_at" timestamp with time zone,
	"resolved_manually" boolean DEFAULT false NOT NULL,
	"escalation_steps_done" integer[] DEFAULT '{}' NOT NULL,
	"ticket_id" text,
	"card_state" text DEFAULT 'none' NOT NULL,
	"card_version" integer DEFAULT 0 NOT NULL,
	"card_updated_at" timestamp with time zone,
	"card_dirty" boolean DEFAULT false NOT NULL,
	"digested_status" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"position" integer PRIMARY KEY NOT NULL,
	"rule" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_silences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matchers" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_by_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"token_hash" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"group_id" bigint NOT NULL,
	"status" text NOT NULL,
	"labels" jsonb NOT NULL,
	"annotations" jsonb NOT NULL,
	"level" smallint NOT NULL,
	"silenced" boolean DEFAULT false NOT NULL,
	"inhibited" boolean DEFAULT false NOT NULL,
	"inhibition_key" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"generator_url" text,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"flips" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "alert_group_events_group_idx" ON "alert_group_events" USING btree ("group_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_groups_key_idx" ON "alert_groups" USING btree ("source_id","group_key");--> statement-breakpoint
CREATE INDEX "alert_groups_list_idx" ON "alert_groups" USING btree ("status","level","id");--> statement-breakpoint
CREATE INDEX "alert_groups_level_idx" ON "alert_groups" USING btree ("level","id");--> statement-breakpoint
CREATE INDEX "alert_silences_ends_idx" ON "alert_silences" USING btree ("ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_sources_token_idx" ON "alert_sources" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_identity_idx" ON "alerts" USING btree ("source_id","fingerprint");--> statement-breakpoint
CREATE INDEX "alerts_group_idx" ON "alerts" USING btree ("group_id","status");--> statement-breakpoint
CREATE INDEX "alerts_inhibiting_idx" ON "alerts" USING btree ("inhibition_key","level","status");