import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Fault tickets (故障单): rules F3–F6 and R5. */
export const tickets = pgTable(
  'tickets',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull(),
    steps: text('steps'),
    impact: text('impact', { enum: ['self', 'team', 'department', 'company'] }).notNull(),
    urgency: text('urgency', { enum: ['low', 'medium', 'high'] }).notNull(),
    level: smallint('level').notNull(),
    status: text('status', { enum: ['reported', 'accepted', 'diagnosing', 'resolved', 'closed', 'reopened', 'cancelled'] }).notNull(),
    source: text('source', { enum: ['miniapp', 'chat'] }).notNull(),
    reporterId: uuid('reporter_id').notNull(),
    reporterName: text('reporter_name').notNull(),
    /** Kept beside the DingOps ids: notifications address people by their DingTalk user id. */
    reporterDingtalkId: text('reporter_dingtalk_id').notNull(),
    reporterDepartment: text('reporter_department'),
    /** Departments of the reporter: a ticket that affects more than the reporter is visible to them. */
    reporterDepartmentIds: integer('reporter_department_ids').array().notNull(),
    assigneeId: uuid('assignee_id'),
    assigneeName: text('assignee_name'),
    assigneeDingtalkId: text('assignee_dingtalk_id'),
    contact: text('contact'),
    /** The chat a ticket reported by @-ing the robot came from, for replies. */
    conversationId: text('conversation_id'),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true, mode: 'date' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    responseDueAt: timestamp('response_due_at', { withTimezone: true, mode: 'date' }).notNull(),
    resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true, mode: 'date' }).notNull(),
    cause: text('cause'),
    resolution: text('resolution'),
    /** How far the resolution clock's reminders went: 0 none, 1 due soon (assignee told), 2 breached (IT lead told too). */
    slaAlertStage: smallint('sla_alert_stage').notNull().default(0),
    /** How far the response clock's reminders went: 0 none, 1 due soon (IT group told), 2 breached (IT lead told). */
    responseAlertStage: smallint('response_alert_stage').notNull().default(0),
    /** The reporter's 1–5 rating from the satisfaction card, with an optional comment. */
    satisfaction: smallint('satisfaction'),
    satisfactionComment: text('satisfaction_comment'),
    /** Fault record (rule F6) beside cause and resolution: cause category, actions taken, time spent. */
    causeCategory: text('cause_category'),
    actionsTaken: text('actions_taken').array().notNull().default([]),
    timeSpentMinutes: integer('time_spent_minutes'),
    /** The reporter plus everyone who pressed 同样问题 or whose duplicate was merged in. */
    affectedCount: integer('affected_count').notNull().default(1),
    /** A duplicate points at the ticket it was merged into (and is cancelled). */
    mergedIntoId: bigint('merged_into_id', { mode: 'bigint' }),
    /** The alert group this fault belongs to (set by the alerts module or by IT). */
    alertGroupId: text('alert_group_id'),
  },
  (table) => [
    index('tickets_reporter_idx').on(table.reporterId, table.id),
    index('tickets_assignee_idx').on(table.assigneeId, table.status, table.id),
    index('tickets_status_idx').on(table.status, table.id),
    index('tickets_level_idx').on(table.level, table.status, table.id),
    index('tickets_alert_group_idx').on(table.alertGroupId),
  ],
);

/** The ticket's timeline (rule F6: time, symptom, process, result): every step with who, when and a note. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    ticketId: bigint('ticket_id', { mode: 'bigint' }).notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    kind: text('kind', { enum: ['created', 'transition', 'comment', 'assigned', 'me_too', 'merged', 'linked', 'record_updated'] }).notNull(),
    action: text('action'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
  },
  (table) => [index('ticket_events_ticket_idx').on(table.ticketId, table.id)],
);

/**
 * People who hit the same fault and pressed 同样问题 (or whose duplicate was merged in): they are told
 * of each status change with the reporter.
 */
export const ticketFollowers = pgTable(
  'ticket_followers',
  {
    ticketId: bigint('ticket_id', { mode: 'bigint' }).notNull(),
    userId: uuid('user_id').notNull(),
    dingtalkUserId: text('dingtalk_user_id').notNull(),
    name: text('name').notNull(),
    reason: text('reason', { enum: ['me_too', 'merged'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.ticketId, table.userId] }), index('ticket_followers_user_idx').on(table.userId)],
);

/** The category tree IT edits; nodes are deactivated, never deleted, so old tickets keep their names. */
export const ticketCategories = pgTable('ticket_categories', {
  code: text('code').primaryKey(),
  parentCode: text('parent_code'),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Business calendar and SLA targets: one row (id 1), the shape of SlaSettings in shared/tickets. */
export const slaSettings = pgTable('sla_settings', {
  id: smallint('id').primaryKey(),
  settings: jsonb('settings').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedBy: uuid('updated_by'),
});

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicketRow = typeof tickets.$inferInsert;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
export type TicketFollowerRow = typeof ticketFollowers.$inferSelect;
export type TicketCategoryRow = typeof ticketCategories.$inferSelect;
