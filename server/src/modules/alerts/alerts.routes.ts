import {
  alertGroupActionBodySchema,
  alertGroupDetailSchema,
  alertGroupIdParamsSchema,
  alertGroupPageSchema,
  alertGroupChatListSchema,
  alertSummarySchema,
  alertGroupSchema,
  createSilenceBodySchema,
  listAlertGroupsQuerySchema,
  ruleSetSchema,
  ruleTestBodySchema,
  ruleTestResultSchema,
  silenceIdParamsSchema,
  silenceListSchema,
  silenceSchema,
} from '@dingops/shared/alerts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit';
import type { AlertsService } from './alerts.service';

const it = ['it_staff', 'it_admin'] as const;
const admin = ['it_admin'] as const;

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
