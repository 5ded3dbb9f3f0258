-- The response clock now has reminders of its own (0 none, 1 due soon, 2 breached).
ALTER TABLE "tickets" ADD COLUMN "response_alert_stage" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- IT's first response now also counts when it was an assignment or a note by an IT person (rule F4),
-- not only an acceptance: tickets answered that way before have their clock stopped at that moment,
-- so nobody is reminded of a response that was given.
UPDATE "tickets" SET "responded_at" = "first"."at"
FROM (
  SELECT "e"."ticket_id", min("e"."at") AS "at"
  FROM "ticket_events" "e"
  JOIN "tickets" "t" ON "t"."id" = "e"."ticket_id"
  WHERE "e"."kind" = 'assigned'
     OR ("e"."kind" = 'comment' AND "e"."actor_id" IS DISTINCT FROM "t"."reporter_id" AND EXISTS (
       SELECT 1 FROM "users" "u" JOIN "role_grants" "g" ON "g"."dingtalk_user_id" = "u"."dingtalk_user_id"
       WHERE "u"."id" = "e"."actor_id" AND "g"."role" IN ('it_staff', 'it_admin')))
  GROUP BY "e"."ticket_id"
) AS "first"
WHERE "tickets"."id" = "first"."ticket_id" AND "tickets"."responded_at" IS NULL;
