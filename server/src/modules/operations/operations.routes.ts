import {
  idParamsSchema,
  inboxItemSchema,
  inboxPageSchema,
  jobNameParamsSchema,
  jobRunPageSchema,
  jobSchema,
  listInboxQuerySchema,
  listJobRunsQuerySchema,
  listOutboxQuerySchema,
  outboxItemSchema,
  outboxPageSchema,
  outboxStatsSchema,
} from '@dingops/shared/operations';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf } from '../../platform/audit';
import type { OperationsService } from './operations.service';

const admins = ['it_admin'] as const;
const itPeople = ['it_staff', 'it_admin'] as const;

export function setupOutboxRoutes(app: FastifyInstance, service: OperationsService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/outbox', {
    config: { access: admins },
    schema: { tags: ['operations'], summary: 'Outbound DingTalk effects by status (dead letters by default)', querystring: listOutboxQuerySchema, response: { 200: outboxPageSchema } },
    handler: async (request) => service.listOutbox(request.query),
  });
  typed.get('/outbox/stats', {
    config: { access: itPeople },
    schema: { tags: ['operations'], summary: 'Outbox depth and age per status, and this instance’s worker counters', response: { 200: outboxStatsSchema } },
    handler: async () => service.outboxStats(),
  });
  for (const action of ['retry', 'discard'] as const) {
    typed.post(`/outbox/:id/${action}`, {
      config: { access: admins },
      schema: { tags: ['operations'], summary: `${action === 'retry' ? 'Send a dead letter again' : 'Drop a dead letter'} (audited)`, params: idParamsSchema, response: { 200: outboxItemSchema } },
      handler: async (request) => service.resolveDeadLetter({ id: request.params.id, action, context: auditContextOf(request) }),
    });
  }
}

export function setupInboxRoutes(app: FastifyInstance, service: OperationsService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/inbox', {
    config: { access: admins },
    schema: { tags: ['operations'], summary: 'Inbound DingTalk events by status (parked by default)', querystring: listInboxQuerySchema, response: { 200: inboxPageSchema } },
    handler: async (request) => service.listInbox(request.query),
  });
  typed.post('/inbox/:id/requeue', {
    config: { access: admins },
    schema: { tags: ['operations'], summary: 'Hand a parked event to its handlers again (audited)', params: idParamsSchema, response: { 200: inboxItemSchema } },
    handler: async (request) => service.requeueParked({ id: request.params.id, context: auditContextOf(request) }),
  });
}

export function setupJobRoutes(app: FastifyInstance, service: OperationsService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/jobs', {
    config: { access: admins },
    schema: { tags: ['operations'], summary: 'Scheduled jobs', response: { 200: z.object({ items: z.array(jobSchema) }) } },
    handler: async () => ({ items: service.listJobs() }),
  });
  typed.get('/job-runs', {
    config: { access: admins },
    schema: { tags: ['operations'], summary: 'Runs of scheduled jobs, newest first', querystring: listJobRunsQuerySchema, response: { 200: jobRunPageSchema } },
    handler: async (request) => service.listJobRuns(request.query),
  });
  typed.post('/jobs/:name/run', {
    config: { access: admins },
    schema: {
      tags: ['operations'],
      summary: 'Run a job now (audited; skipped if another instance is running it)',
      params: jobNameParamsSchema,
      response: { 200: z.object({ name: z.string(), ran: z.boolean(), status: z.enum(['succeeded', 'failed']).nullable() }) },
    },
    handler: async (request) => service.runJob({ name: request.params.name, context: auditContextOf(request) }),
  });
}
