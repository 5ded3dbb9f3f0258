import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Jobs the scheduler knows, and since when: a run due before that is not a missed run. */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  cron: text('cron').notNull(),
  registeredAt: timestamp('registered_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Every run of every job, on whichever instance took the lock. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    job: text('job').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'catch_up', 'manual'] }).notNull(),
    instance: text('instance').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    result: text('result'),
    error: text('error'),
  },
  (table) => [index('job_runs_job_idx').on(table.job, table.startedAt), index('job_runs_started_idx').on(table.startedAt)],
);

export type JobRunRow = typeof jobRuns.$inferSelect;
