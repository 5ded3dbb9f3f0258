import { alertSourceSchema, createdSourceSchema, createSourceBodySchema, sourceIdParamsSchema, sourceListSchema } from '@dingops/shared/alerts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../../platform/audit';
import type { AlertsService } from './sources.service';

const admin = ['it_admin'] as const;

/** Monitoring sources (rule F1), IT admins only: a source's token is shown once, when made or replaced. */
export function setupSourceRoutes(app: FastifyInstance, service: AlertsService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post('/sources', {
    config: { access: admin },
    schema: { tags: ['alerts'], summary: 'Add a monitoring source; its token is shown once (rule F1)', body: createSourceBodySchema, response: { 201: createdSourceSchema } },
    handler: async (request, reply) => reply.status(201).send(await service.createSource({ ...request.body, context: auditContextOf(request) })),
  });
  typed.get('/sources', {
    config: { access: admin },
    schema: { tags: ['alerts'], summary: 'Monitoring sources (never their tokens)', response: { 200: sourceListSchema } },
    handler: async () => service.listSources(),
  });
  typed.post('/sources/:sourceId/rotate', {
    config: { access: admin },
    schema: { tags: ['alerts'], summary: 'New token for a source; the old one stops working', params: sourceIdParamsSchema, response: { 200: createdSourceSchema } },
    handler: async (request) => service.rotateSource({ id: request.params.sourceId, context: auditContextOf(request) }),
  });
  typed.post('/sources/:sourceId/disable', {
    config: { access: admin },
    schema: { tags: ['alerts'], summary: 'Stop accepting alerts from a source', params: sourceIdParamsSchema, response: { 200: alertSourceSchema } },
    handler: async (request) => service.setSourceEnabled({ id: request.params.sourceId, enabled: false, context: auditContextOf(request) }),
  });
  typed.post('/sources/:sourceId/enable', {
    config: { access: admin },
    schema: { tags: ['alerts'], summary: 'Accept alerts from a disabled source again (with the token it had)', params: sourceIdParamsSchema, response: { 200: alertSourceSchema } },
    handler: async (request) => service.setSourceEnabled({ id: request.params.sourceId, enabled: true, context: auditContextOf(request) }),
  });
}
