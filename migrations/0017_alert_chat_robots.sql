CREATE TABLE "alert_chat_robots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" text NOT NULL,
	"name" text NOT NULL,
	"robot_encrypted" text NOT NULL,
	"webhook_hint" text NOT NULL,
	"has_secret" boolean NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alert_chat_robots_name_idx" ON "alert_chat_robots" USING btree ("conversation_id","name");