import type { FastifyInstance } from 'fastify';
import { setupInboxRoutes, setupJobRoutes, setupOutboxRoutes } from './operations.routes';
import { createOperationsService } from './operations.service';

/** Admin views of the DingTalk delivery machinery: outbox dead letters, parked events, scheduled jobs. */
export async function operationsModule(app: FastifyInstance) {
  const service = createOperationsService({ outbox: app.outbox, outboxCounters: app.outboxWorker.counters, inbox: app.inbox, scheduler: app.scheduler, audit: app.audit });
  setupOutboxRoutes(app, service);
  setupInboxRoutes(app, service);
  setupJobRoutes(app, service);
}
