import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A built-in check (rule F1 "built-in monitoring"): an HTTP(S) request or a TCP connect run on a
 * schedule. Its state (`alertState`) says which alert it has raised, so a restart neither repeats
 * nor forgets one.
 */
export const alertProbes = pgTable(
  'alert_probes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['http', 'tcp'] }).notNull(),
    /** http: an http(s) URL; tcp: host:port. */
    target: text('target').notNull(),
    method: text('method', { enum: ['GET', 'HEAD'] }).notNull().default('GET'),
    /** Status codes that count as up, e.g. "200-299,301" (http only). */
    expectedStatus: text('expected_status').notNull().default('200-399'),
    timeoutMs: integer('timeout_ms').notNull().default(10_000),
    /** Slower than this (but answering) → a level-2 "slow" alert; null → no response-time alert. */
    slowMs: integer('slow_ms'),
    intervalSeconds: integer('interval_seconds').notNull().default(60),
    /** Consecutive failed (or slow) checks before the alert fires, so one blip pages nobody. */
    failuresToAlert: integer('failures_to_alert').notNull().default(2),
    /** Extra labels on its alerts (service, owner, severity…), so rules route them like any other. */
    labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
    enabled: boolean('enabled').notNull().default(true),
    nextRunAt: ts('next_run_at').notNull(),
    lastCheckedAt: ts('last_checked_at'),
    lastOutcome: text('last_outcome', { enum: ['up', 'slow', 'down'] }),
    lastResponseMs: integer('last_response_ms'),
    lastError: text('last_error'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    consecutiveSlow: integer('consecutive_slow').notNull().default(0),
    /** The alert this probe has raised and not yet resolved. */
    alertState: text('alert_state', { enum: ['ok', 'slow', 'down'] }).notNull().default('ok'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (table) => [uniqueIndex('alert_probes_name_idx').on(table.name), index('alert_probes_due_idx').on(table.enabled, table.nextRunAt)],
);

/** Every check's outcome and response time (the probe page's chart); pruned after the retention period. */
export const alertProbeResults = pgTable(
  'alert_probe_results',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    /** No foreign key (migrations run in any schema); deleting a probe deletes its results in the same transaction. */
    probeId: uuid('probe_id').notNull(),
    at: ts('at').notNull(),
    outcome: text('outcome', { enum: ['up', 'slow', 'down'] }).notNull(),
    responseMs: integer('response_ms'),
    statusCode: integer('status_code'),
    error: text('error'),
  },
  (table) => [index('alert_probe_results_probe_idx').on(table.probeId, table.at)],
);

export type AlertProbeRow = typeof alertProbes.$inferSelect;
export type AlertProbeResultRow = typeof alertProbeResults.$inferSelect;
