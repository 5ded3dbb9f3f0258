import { chatParamsSchema, poolChatListSchema, poolRobotBodySchema, poolRobotListSchema, poolRobotParamsSchema, poolRobotSchema } from '@dingops/shared/alert-robot-pool';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../../platform/audit';
import type { RobotPoolService } from './robot-pool.service';

const admin = ['it_admin'] as const;

/** 机器人池: a group's custom robots, which share the group's alert messages with the app robot. IT admins only (the URLs are credentials). */
export function setupRobotPoolRoutes(app: FastifyInstance, pool: RobotPoolService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/chats', {
    config: { access: admin },
    schema: { tags: ['alerts'], summary: 'Group chats that have or may have a robot pool (the IT ops and leadership groups, and any chat with one)', response: { 200: poolChatListSchema } },
    handler: async () => pool.chats(),
  });
  typed.get('/chats/:conversationId/robots', {
    config: { access: admin },
    schema: { tags: ['alerts'], summary: 'A group chat’s pool of custom robots (URLs and secrets are never shown, only a masked hint)', params: chatParamsSchema, response: { 200: poolRobotListSchema } },
    handler: async (request) => pool.list(request.params.conversationId),
  });
  typed.post('/chats/:conversationId/robots', {
    config: { access: admin },
    schema: { tags: ['alerts'], summary: 'Add a custom (webhook) robot to a group chat’s pool: its markdown alert messages may then go by it', params: chatParamsSchema, body: poolRobotBodySchema, response: { 201: poolRobotSchema } },
    handler: async (request, reply) => reply.status(201).send(await pool.add({ conversationId: request.params.conversationId, body: request.body, actor: request.actor!, context: auditContextOf(request) })),
  });
  typed.delete('/chats/:conversationId/robots/:robotId', {
    config: { access: admin },
    schema: { tags: ['alerts'], summary: 'Remove a custom robot from a group chat’s pool', params: poolRobotParamsSchema },
    handler: async (request, reply) => {
      await pool.remove({ conversationId: request.params.conversationId, robotId: request.params.robotId, context: auditContextOf(request) });
      return reply.status(204).send();
    },
  });
}
