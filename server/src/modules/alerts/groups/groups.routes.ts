import { alertGroupActionBodySchema, alertGroupChatListSchema, alertGroupDetailSchema, alertGroupIdParamsSchema, alertGroupPageSchema, alertGroupSchema, alertSummarySchema, listAlertGroupsQuerySchema } from '@dingops/shared/alerts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../../platform/audit';
import type { GroupActions } from './group-actions.service';
import type { GroupsService } from './groups.service';

const it = ['it_staff', 'it_admin'] as const;

export function setupGroupRoutes(app: FastifyInstance, service: GroupsService, actions: GroupActions) {
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
      const row = await actions.act({ id: BigInt(request.params.groupId), action: request.body.action, note: request.body.note, actor: request.actor!, context: auditContextOf(request) });
      return service.toGroup(row);
    },
  });
}
