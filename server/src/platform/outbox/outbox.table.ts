import { bigint, bigserial, index, integer, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every outbound DingTalk effect, written in the same transaction as the change that causes it and
 * delivered by the outbox worker (DESIGN house rule 2). Rows are never deleted by the worker: a
 * delivered row is the record that the message went out.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** Enqueueing the same key twice keeps the first row: a retried request does not double-post. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** 1 is most urgent (level-1 alerts); 5 normal; 9 digests. */
    priority: smallint('priority').notNull().default(5),
    /** Effects sharing a rate key share one DingTalk send budget (one robot). */
    rateKey: text('rate_key'),
    /** Effects sharing an ordering key go out in enqueue order (a card before its updates). */
    orderingKey: text('ordering_key'),
    status: text('status', { enum: ['pending', 'in_flight', 'delivered', 'dead', 'discarded'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    source: text('source'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    index('outbox_due_idx').on(table.status, table.priority, table.nextAttemptAt),
    index('outbox_ordering_idx').on(table.orderingKey, table.id),
    index('outbox_dead_idx').on(table.status, table.id),
  ],
);

/** One row per message sent through a rate-limited robot: the sliding window is counted here, across instances. */
export const robotSends = pgTable(
  'robot_sends',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    rateKey: text('rate_key').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull(),
    outboxId: bigint('outbox_id', { mode: 'bigint' }),
  },
  (table) => [index('robot_sends_window_idx').on(table.rateKey, table.sentAt)],
);

/** A robot DingTalk throttled anyway (another sender shares it): nothing goes through it until `until`. */
export const robotThrottles = pgTable('robot_throttles', {
  rateKey: text('rate_key').primaryKey(),
  until: timestamp('until', { withTimezone: true, mode: 'date' }).notNull(),
  reason: text('reason').notNull(),
});

export type OutboxRow = typeof outbox.$inferSelect;
