import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every inbound DingTalk event and callback, stored before it is acknowledged (DESIGN house rule 3).
 * `event_key` is unique, so a redelivered or replayed event is recognised and not handled twice.
 */
export const inboxEvents = pgTable(
  'inbox_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    eventKey: text('event_key').notNull().unique(),
    transport: text('transport', { enum: ['stream', 'http'] }).notNull(),
    /** `event` (org, approval…) or `callback` (robot message, card click). */
    kind: text('kind', { enum: ['event', 'callback'] }).notNull(),
    /** The event type (`bpms_instance_change`) or the callback topic (`/v1.0/card/instances/callback`). */
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'processing', 'processed', 'ignored', 'parked'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true, mode: 'date' }),
    /** How often the same event arrived again after the first time. */
    duplicates: integer('duplicates').notNull().default(0),
  },
  (table) => [index('inbox_due_idx').on(table.status, table.nextAttemptAt), index('inbox_topic_idx').on(table.topic, table.id)],
);

export type InboxRow = typeof inboxEvents.$inferSelect;
