import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createScheduler, type Scheduler } from './scheduler.service';

declare module 'fastify' {
  interface FastifyInstance {
    scheduler: Scheduler;
  }
}

/** How long the record of each job run is kept (a probe job alone runs 8,640 times a day). */
const runRetentionDays = 30;

/**
 * Modules register jobs while the app is built; the scheduler starts when the app is ready and stops
 * before it closes. With SCHEDULER_ENABLED=false an instance runs no jobs (e.g. a web-only instance).
 */
export const schedulerPlugin = fp(
  async (app: FastifyInstance) => {
    const scheduler = createScheduler({ database: app.deps.database, clock: app.deps.clock, log: app.log.child({ module: 'scheduler' }) });
    app.decorate('scheduler', scheduler);
    scheduler.register({
      name: 'scheduler.prune_runs',
      cron: '23 3 * * *',
      run: async ({ now }) => `pruned ${await scheduler.pruneRuns(new Date(now.getTime() - runRetentionDays * 86_400_000))} (started over ${runRetentionDays} days ago)`,
    });
    if (app.deps.config.scheduler.enabled) {
      app.addHook('onReady', async () => scheduler.start());
      app.addHook('preClose', async () => scheduler.stop());
    }
  },
  { name: 'scheduler', dependencies: ['deps'] },
);
