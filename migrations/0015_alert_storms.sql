CREATE TABLE "alert_storms" (
	"card_id" text PRIMARY KEY NOT NULL,
	"chat_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"last_fold_at" timestamp with time zone NOT NULL,
	"card_version" integer DEFAULT 1 NOT NULL,
	"card_updated_at" timestamp with time zone NOT NULL,
	"card_dirty" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_groups" ADD COLUMN "card_created_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alert_groups" ADD COLUMN "storm_card_id" text;--> statement-breakpoint
CREATE INDEX "alert_storms_chat_idx" ON "alert_storms" USING btree ("chat_id","last_fold_at");--> statement-breakpoint
CREATE INDEX "alert_storms_dirty_idx" ON "alert_storms" USING btree ("card_dirty");--> statement-breakpoint
CREATE INDEX "alert_groups_card_created_idx" ON "alert_groups" USING btree ("card_created_at");--> statement-breakpoint
CREATE INDEX "alert_groups_storm_idx" ON "alert_groups" USING btree ("storm_card_id");