import { hostname } from 'node:os';
import { and, desc, eq, lt, max, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import cron, { type ScheduledTask } from 'node-cron';
import type { Database } from '../../db/client';
import { beforeIdOf, keysetPage } from '../pagination/cursor';
import { isDueTaken, isRunMissed, isValidCron } from './scheduler.rules';
import { jobRuns, scheduledJobs } from './scheduler.table';

/** A job a module registers: `run` calls the same service code the routes use (STYLE.md §15). */
export interface Job {
  name: string;
  cron: string;
  run(context: { now: Date; log: FastifyBaseLogger | undefined }): Promise<string | void>;
}

/** Namespace of the per-job advisory locks. */
const jobLockNamespace = 7242;

export function createScheduler({ database, clock, log }: { database: Database; clock: () => Date; log: FastifyBaseLogger | undefined }) {
  const { db } = database;
  const jobs = new Map<string, Job>();
  const tasks: ScheduledTask[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const instance = `${hostname()}:${process.pid}`;

  /**
   * Runs a job here if no other instance is running it, or (when the schedule fired it) has run it
   * for this due time already; records the run either way it ends.
   */
  async function trigger(job: Job, trigger: 'schedule' | 'catch_up' | 'manual'): Promise<{ ran: boolean; status?: 'succeeded' | 'failed' }> {
    const outcome = await database.tryWithLock(jobLockNamespace, job.name, async () => {
      const startedAt = clock();
      if (trigger !== 'manual' && (await isTaken(job, startedAt))) return null;
      const [run] = await db.insert(jobRuns).values({ job: job.name, trigger, instance, startedAt, status: 'running' }).returning({ id: jobRuns.id });
      const runId = run?.id ?? 0n;
      try {
        const result = await job.run({ now: startedAt, log: log?.child({ job: job.name }) });
        await db.update(jobRuns).set({ status: 'succeeded', finishedAt: clock(), result: result ?? null }).where(eq(jobRuns.id, runId));
        log?.info({ job: job.name, trigger, ms: clock().getTime() - startedAt.getTime(), result }, 'Ran scheduled job');
        return 'succeeded' as const;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await db.update(jobRuns).set({ status: 'failed', finishedAt: clock(), error: message.slice(0, 2000) }).where(eq(jobRuns.id, runId));
        log?.error({ job: job.name, trigger, err: error }, 'Scheduled job failed');
        return 'failed' as const;
      }
    });
    return outcome.ran && outcome.value ? { ran: true, status: outcome.value } : { ran: false };
  }

  async function isTaken(job: Job, now: Date): Promise<boolean> {
    const [last] = await db.select({ at: max(jobRuns.startedAt) }).from(jobRuns).where(eq(jobRuns.job, job.name));
    return isDueTaken({ cron: job.cron, now, lastStartedAt: last?.at ? new Date(last.at) : null });
  }

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    const forget = () => inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  /**
   * A cron firing; nobody awaits it, so it must not reject. When the database is away the lock or
   * the run's record fails: that is logged and the job comes again at its next time.
   */
  function fire(job: Job) {
    track(trigger(job, 'schedule')).catch((error: unknown) => log?.warn({ job: job.name, err: error }, 'Scheduled job could not run; it runs again at its next time'));
  }

  async function catchUp(job: Job) {
    const now = clock();
    const [known] = await db.select().from(scheduledJobs).where(eq(scheduledJobs.name, job.name));
    if (!known) {
      await db.insert(scheduledJobs).values({ name: job.name, cron: job.cron, registeredAt: now }).onConflictDoNothing();
      return;
    }
    if (known.cron !== job.cron) await db.update(scheduledJobs).set({ cron: job.cron }).where(eq(scheduledJobs.name, job.name));
    const [last] = await db.select({ at: max(jobRuns.startedAt) }).from(jobRuns).where(eq(jobRuns.job, job.name));
    const lastStartedAt = last?.at ? new Date(last.at) : null;
    if (isRunMissed({ cron: job.cron, now, registeredAt: known.registeredAt, lastStartedAt })) await track(trigger(job, 'catch_up'));
  }

  return {
    register(job: Job) {
      if (!isValidCron(job.cron)) throw new Error(`Job ${job.name}: invalid cron expression "${job.cron}"`);
      if (jobs.has(job.name)) throw new Error(`Job ${job.name} is registered twice`);
      jobs.set(job.name, job);
    },

    /** Starts the cron triggers, then runs once each job whose run was missed while all instances were down. */
    async start() {
      for (const job of jobs.values()) {
        tasks.push(cron.schedule(job.cron, () => fire(job), { name: job.name, timezone: 'UTC', noOverlap: true }));
      }
      for (const job of jobs.values()) await catchUp(job);
    },

    async stop() {
      for (const task of tasks.splice(0)) await task.stop();
      await Promise.allSettled([...inFlight]);
    },

    /** Admins (and tests) run a job now; the advisory lock still applies. */
    runNow(name: string) {
      const job = jobs.get(name);
      return job ? track(trigger(job, 'manual')) : Promise.resolve(null);
    },

    jobs: () => [...jobs.values()].map(({ name, cron: expression }) => ({ name, cron: expression })),

    /**
     * Forgets runs that started before `before`, except each job's newest one (catch-up on start
     * reads it). Jobs running every few seconds would otherwise grow the table without end.
     */
    async pruneRuns(before: Date): Promise<number> {
      const result = (await db.execute(sql`
        DELETE FROM ${jobRuns} r WHERE r.started_at < ${before.toISOString()}::timestamptz
          AND r.id <> (SELECT max(n.id) FROM ${jobRuns} n WHERE n.job = r.job)`)) as unknown as { rowCount?: number | null; affectedRows?: number };
      return result.rowCount ?? result.affectedRows ?? 0;
    },

    async listRuns({ job, cursor, limit }: { job?: string | undefined; cursor?: string | undefined; limit: number }) {
      const beforeId = beforeIdOf(cursor);
      const rows = await db
        .select()
        .from(jobRuns)
        .where(and(job ? eq(jobRuns.job, job) : undefined, beforeId === null ? undefined : lt(jobRuns.id, beforeId)))
        .orderBy(desc(jobRuns.id))
        .limit(limit + 1);
      return keysetPage(rows, limit, (row) => [String(row.id)]);
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
