import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LabelMatcher } from '@dingops/shared/rules/alert-matchers';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Planned maintenance (rules M1, M2: inspections and updates done to a plan): alerts matching the window's matchers while
 * it is open are recorded but page nobody, like a silence, and say which window muted them. A
 * window may repeat daily or weekly until `repeatUntil`; it may name the maintenance plan it serves.
 */
export const alertMaintenanceWindows = pgTable(
  'alert_maintenance_windows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    matchers: jsonb('matchers').$type<LabelMatcher[]>().notNull(),
    /** The first occurrence. */
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    recurrence: text('recurrence', { enum: ['none', 'daily', 'weekly'] }).notNull().default('none'),
    repeatUntil: ts('repeat_until'),
    /** The maintenance plan this window belongs to, once plans exist (a later issue). */
    maintenancePlanId: text('maintenance_plan_id'),
    createdById: text('created_by_id'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    cancelledAt: ts('cancelled_at'),
  },
  (table) => [index('alert_maintenance_windows_live_idx').on(table.cancelledAt, table.endsAt)],
);

export type AlertMaintenanceWindowRow = typeof alertMaintenanceWindows.$inferSelect;
