import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail (rules S4, S5). Each row carries the hash of the one before it; a trigger
 * (migration 0001) refuses UPDATE, DELETE and TRUNCATE so history cannot be rewritten through SQL.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    result: text('result', { enum: ['success', 'failure', 'denied'] }).notNull(),
    sourceIp: text('source_ip'),
    requestId: text('request_id'),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('audit_log_actor_idx').on(table.actorId, table.id),
    index('audit_log_action_idx').on(table.action, table.id),
    index('audit_log_target_idx').on(table.targetType, table.targetId, table.id),
    index('audit_log_at_idx').on(table.at),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
