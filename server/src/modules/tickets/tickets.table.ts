import { bigint, bigserial, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
    /** How far SLA reminders went: 0 none, 1 due soon (assignee told), 2 breached (IT lead told too). */
    slaAlertStage: smallint('sla_alert_stage').notNull().default(0),
    /** The reporter's 1–5 rating from the satisfaction card, with an optional comment. */
    satisfaction: smallint('satisfaction'),
    satisfactionComment: text('satisfaction_comment'),
  },
  (table) => [
    index('tickets_reporter_idx').on(table.reporterId, table.id),
    index('tickets_assignee_idx').on(table.assigneeId, table.status, table.id),
    index('tickets_status_idx').on(table.status, table.id),
    index('tickets_level_idx').on(table.level, table.status, table.id),
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
    kind: text('kind', { enum: ['created', 'transition', 'comment', 'assigned'] }).notNull(),
    action: text('action'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
  },
  (table) => [index('ticket_events_ticket_idx').on(table.ticketId, table.id)],
);

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicketRow = typeof tickets.$inferInsert;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
