import {
  alertGroupActionBodySchema,
  alertGroupDetailSchema,
  alertGroupIdParamsSchema,
  alertGroupPageSchema,
  alertGroupChatListSchema,
  alertSummarySchema,
  alertGroupSchema,
  alertmanagerPayloadSchema,
  alertSourceSchema,
  createdSourceSchema,
  createSilenceBodySchema,
  createSourceBodySchema,
  genericPayloadSchema,
  grafanaPayloadSchema,
  ingestResultSchema,
  listAlertGroupsQuerySchema,
  ruleSetSchema,
  ruleTestBodySchema,
  ruleTestResultSchema,
  silenceIdParamsSchema,
  silenceListSchema,
  silenceSchema,
  sourceIdParamsSchema,
  sourceListSchema,
} from '@dingops/shared/alerts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit';
import { fromAlertmanager, fromGeneric } from './alerts.normalize';
import type { AlertsService, PreparedRequest } from './alerts.service';
import type { IngestBatcher } from './ingest/ingest-batcher';

const it = ['it_staff', 'it_admin'] as const;
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

export function setupRuleRoutes(app: FastifyInstance, service: AlertsService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/rules', {
    config: { access: it },
    schema: { tags: ['alerts'], summary: 'Classification rules, in order (first match wins; rule F2)', response: { 200: ruleSetSchema } },
    handler: async () => service.getRules(),
  });
  typed.put('/rules', {
    config: { access: admin },
    schema: { tags: ['alerts'], summary: 'Replace the classification rules', body: ruleSetSchema, response: { 200: ruleSetSchema } },
    handler: async (request) => service.putRules({ body: request.body, context: auditContextOf(request) }),
  });
  typed.post('/rules/test', {
    config: { access: it },
    schema: { tags: ['alerts'], summary: 'Which rule, level, route and group a sample alert gets (saved rules, or the ones given)', body: ruleTestBodySchema, response: { 200: ruleTestResultSchema } },
    handler: async (request) => service.testRules({ labels: request.body.labels, candidate: request.body.rules }),
  });
}

export function setupSilenceRoutes(app: FastifyInstance, service: AlertsService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post('/silences', {
    config: { access: it },
    schema: { tags: ['alerts'], summary: 'Mute notifications for matching alerts (they are still recorded)', body: createSilenceBodySchema, response: { 201: silenceSchema } },
    handler: async (request, reply) => reply.status(201).send(await service.createSilence({ body: request.body, actor: request.actor!, context: auditContextOf(request) })),
  });
  typed.get('/silences', {
    config: { access: it },
    schema: { tags: ['alerts'], summary: 'Silences in force or yet to start', response: { 200: silenceListSchema } },
    handler: async () => service.listSilences(),
  });
  typed.delete('/silences/:silenceId', {
    config: { access: it },
    schema: { tags: ['alerts'], summary: 'End a silence now', params: silenceIdParamsSchema },
    handler: async (request, reply) => {
      await service.expireSilence({ id: request.params.silenceId, context: auditContextOf(request) });
      return reply.status(204).send();
    },
  });
}

export function setupGroupRoutes(app: FastifyInstance, service: AlertsService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/groups', {
    config: { access: it },
    schema: { tags: ['alerts'], summary: 'Alert groups, newest first (filters level, status, chat, q)', querystring: listAlertGroupsQuerySchema, response: { 200: alertGroupPageSchema } },
    handler: async (request) => service.listGroups(request.query),
  });
  typed.get('/summary', {
    config: { access: it },
    schema: { tags: ['alerts'], summary: 'Open alert groups per level: unclaimed, silenced, claimed', response: { 200: alertSummarySchema } },
    handler: async () => service.summary(),
  });
  typed.get('/group-chats', {
    config: { access: it },
    schema: { tags: ['alerts'], summary: 'The group chats alert cards go to, with how many groups each has (for the list filter)', response: { 200: alertGroupChatListSchema } },
    handler: async () => service.listGroupChats(),
  });
  typed.get('/groups/:groupId', {
    config: { access: it },
    schema: { tags: ['alerts'], summary: 'An alert group with its alerts and timeline', params: alertGroupIdParamsSchema, response: { 200: alertGroupDetailSchema } },
    handler: async (request) => service.getGroup(BigInt(request.params.groupId)),
  });
  typed.post('/groups/:groupId/actions', {
    config: { access: it },
    schema: { tags: ['alerts'], summary: 'Acknowledge, resolve, silence 1 h, escalate or open a ticket (as the card buttons)', params: alertGroupIdParamsSchema, body: alertGroupActionBodySchema, response: { 200: alertGroupSchema } },
    handler: async (request) => {
      const row = await service.act({ id: BigInt(request.params.groupId), action: request.body.action, note: request.body.note, actor: request.actor!, context: auditContextOf(request) });
      return service.toGroup(row);
    },
  });
}
