import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createScheduler, type Scheduler } from './scheduler.service';

declare module 'fastify' {
  interface FastifyInstance {
    scheduler: Scheduler;
  }
}

/**
 * Modules register jobs while the app is built; the scheduler starts when the app is ready and stops
 * before it closes. With SCHEDULER_ENABLED=false an instance runs no jobs (e.g. a web-only instance).
 */
export const schedulerPlugin = fp(
  async (app: FastifyInstance) => {
    const scheduler = createScheduler({ database: app.deps.database, clock: app.deps.clock, log: app.log.child({ module: 'scheduler' }) });
    app.decorate('scheduler', scheduler);
    if (app.deps.config.scheduler.enabled) {
      app.addHook('onReady', async () => scheduler.start());
      app.addHook('preClose', async () => scheduler.stop());
    }
  },
  { name: 'scheduler', dependencies: ['deps'] },
);
