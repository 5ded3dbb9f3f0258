ALTER TABLE "tickets" ADD COLUMN "sla_alert_stage" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "satisfaction" smallint;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "satisfaction_comment" text;