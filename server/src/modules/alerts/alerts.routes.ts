import {
  alertmanagerPayloadSchema,
  alertSourceSchema,
  createdSourceSchema,
  createSourceBodySchema,
  genericPayloadSchema,
  grafanaPayloadSchema,
  ingestResultSchema,
  sourceIdParamsSchema,
  sourceListSchema,
} from '@dingops/shared/alerts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit';
import { fromAlertmanager, fromGeneric } from './alerts.normalize';
import type { AlertsService } from './alerts.service';
import type { IngestBatcher } from './ingest/ingest-batcher';
import type { PreparedRequest } from './ingest/ingest.service';

const admin = ['it_admin'] as const;

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

/**
 * Webhooks monitors post to, authenticated by the source's own token (not a login). The body is
 * validated first, so a probe without a body learns nothing about tokens. No browser security
 * headers: monitors read only the status, and helmet builds its headers anew for every request.
 * U+0000 and lone surrogates in a payload become U+FFFD (`repairText`) rather than a refusal:
 * a monitor retries a refused batch forever.
 */
export function setupWebhookRoutes(app: FastifyInstance, service: AlertsService, batcher: IngestBatcher<PreparedRequest>) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const clock = app.deps.clock;
  const response = { 202: ingestResultSchema };
  const description = 'U+0000 and unpaired UTF-16 surrogates anywhere in the payload (label names included) are replaced with U+FFFD and the alerts accepted: a monitor retries a refused batch forever.';
  typed.post('/webhooks/alertmanager', {
    config: { access: 'public', repairText: true },
    helmet: false,
    schema: { tags: ['alerts'], summary: 'Prometheus Alertmanager webhook (payload version 4)', description, body: alertmanagerPayloadSchema, response },
    handler: async (request, reply) => {
      const source = await service.authenticate('alertmanager', request.headers.authorization);
      return reply.status(202).send(await batcher.submit(source, await service.prepare({ alerts: fromAlertmanager(request.body, clock()) })));
    },
  });
  typed.post('/webhooks/grafana', {
    config: { access: 'public', repairText: true },
    helmet: false,
    schema: { tags: ['alerts'], summary: 'Grafana unified alerting webhook', description, body: grafanaPayloadSchema, response },
    handler: async (request, reply) => {
      const source = await service.authenticate('grafana', request.headers.authorization);
      return reply.status(202).send(await batcher.submit(source, await service.prepare({ alerts: fromAlertmanager(request.body, clock()) })));
    },
  });
  typed.post('/webhooks/generic', {
    config: { access: 'public', repairText: true },
    helmet: false,
    schema: { tags: ['alerts'], summary: 'Generic JSON alerts from scripts and other monitors', description, body: genericPayloadSchema, response },
    handler: async (request, reply) => {
      const source = await service.authenticate('generic', request.headers.authorization);
      return reply.status(202).send(await batcher.submit(source, await service.prepare({ alerts: fromGeneric(request.body, clock()) })));
    },
  });
}
