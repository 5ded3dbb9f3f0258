import type { EscalationStep } from '@dingops/shared/oncall';
import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** On-call schedules: one weekly rotation each, handing over in Beijing time (issue 5 item 5). */
export const oncallSchedules = pgTable(
  'oncall_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The schedule alerts use when their routing names none; at most one. */
    isDefault: boolean('is_default').notNull().default(false),
    /** 0 = Sunday … 6 = Saturday. */
    handoffWeekday: smallint('handoff_weekday').notNull(),
    /** 'HH:MM' Beijing time. */
    handoffTime: text('handoff_time').notNull(),
    /** Local date 'YYYY-MM-DD'; the first member's shift starts at the first handoff on or after it. */
    startDate: text('start_date').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [uniqueIndex('oncall_schedules_one_default_idx').on(table.isDefault).where(sql`${table.isDefault}`)],
);

/** The rotation order: members take one week each by position. */
export const oncallScheduleMembers = pgTable(
  'oncall_schedule_members',
  {
    scheduleId: uuid('schedule_id').notNull(),
    position: smallint('position').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.scheduleId, table.position] })],
);

/** Someone else takes the primary's place for a span (sick leave, swaps). */
export const oncallOverrides = pgTable(
  'oncall_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scheduleId: uuid('schedule_id').notNull(),
    userId: uuid('user_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('oncall_overrides_schedule_idx').on(table.scheduleId, table.endsAt)],
);

/** Escalation policies: ordered steps, each counted from when the alert group opened. */
export const escalationPolicies = pgTable(
  'escalation_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    steps: jsonb('steps').$type<EscalationStep[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [uniqueIndex('escalation_policies_one_default_idx').on(table.isDefault).where(sql`${table.isDefault}`)],
);

export type ScheduleRow = typeof oncallSchedules.$inferSelect;
export type OverrideRow = typeof oncallOverrides.$inferSelect;
export type PolicyRow = typeof escalationPolicies.$inferSelect;
