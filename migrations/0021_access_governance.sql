CREATE TABLE "access_grants" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_dingtalk_id" text NOT NULL,
	"user_name" text,
	"role_id" integer NOT NULL,
	"request_id" integer,
	"approval_instance_id" text,
	"status" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"activated_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_dingtalk_id" text NOT NULL,
	"user_name" text,
	"requester_dingtalk_id" text NOT NULL,
	"role_id" integer NOT NULL,
	"days" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"approvers" jsonb NOT NULL,
	"approval_instance_id" text,
	"extends_grant_id" integer,
	"decision_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "access_requests_approval_instance_id_unique" UNIQUE("approval_instance_id")
);
--> statement-breakpoint
CREATE TABLE "access_review_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"review_id" integer NOT NULL,
	"grant_id" integer NOT NULL,
	"reviewer_dingtalk_id" text NOT NULL,
	"decision" text,
	"comment" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"escalated_to" text,
	"escalated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "access_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"scope" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "access_roles" (
	"id" serial PRIMARY KEY NOT NULL,
	"system_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"risk" text NOT NULL,
	"max_days" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_systems" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"owner_dingtalk_id" text NOT NULL,
	"owner_name" text,
	"manual_provisioning" boolean DEFAULT false NOT NULL,
	"reviewer" text DEFAULT 'manager' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "access_systems_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "access_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"grant_id" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_by" text,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "access_grants_one_held_idx" ON "access_grants" USING btree ("user_dingtalk_id","role_id") WHERE "access_grants"."status" in ('provisioning', 'active');--> statement-breakpoint
CREATE INDEX "access_grants_user_idx" ON "access_grants" USING btree ("user_dingtalk_id","id");--> statement-breakpoint
CREATE INDEX "access_grants_role_span_idx" ON "access_grants" USING btree ("role_id","starts_at");--> statement-breakpoint
CREATE INDEX "access_grants_held_ends_idx" ON "access_grants" USING btree ("ends_at") WHERE "access_grants"."status" in ('provisioning', 'active');--> statement-breakpoint
CREATE UNIQUE INDEX "access_requests_one_pending_idx" ON "access_requests" USING btree ("user_dingtalk_id","role_id") WHERE "access_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "access_requests_user_idx" ON "access_requests" USING btree ("user_dingtalk_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "access_review_items_grant_idx" ON "access_review_items" USING btree ("review_id","grant_id");--> statement-breakpoint
CREATE INDEX "access_review_items_reviewer_idx" ON "access_review_items" USING btree ("review_id","reviewer_dingtalk_id","id");--> statement-breakpoint
CREATE INDEX "access_review_items_escalated_idx" ON "access_review_items" USING btree ("review_id","escalated_to","id") WHERE "access_review_items"."escalated_to" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "access_roles_system_name_idx" ON "access_roles" USING btree ("system_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "access_tasks_grant_kind_idx" ON "access_tasks" USING btree ("grant_id","kind");--> statement-breakpoint
CREATE INDEX "access_tasks_open_idx" ON "access_tasks" USING btree ("status","id");