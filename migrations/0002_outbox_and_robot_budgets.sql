CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"priority" smallint DEFAULT 5 NOT NULL,
	"rate_key" text,
	"ordering_key" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"result" jsonb,
	"source" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "outbox_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "robot_sends" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rate_key" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"outbox_id" bigint
);
--> statement-breakpoint
CREATE TABLE "robot_throttles" (
	"rate_key" text PRIMARY KEY NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("status","priority","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_ordering_idx" ON "outbox" USING btree ("ordering_key","id");--> statement-breakpoint
CREATE INDEX "outbox_dead_idx" ON "outbox" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "robot_sends_window_idx" ON "robot_sends" USING btree ("rate_key","sent_at");