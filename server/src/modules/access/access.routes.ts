import {
  createdRequestSchema,
  createRequestBodySchema,
  grantPageSchema,
  grantSchema,
  idParamsSchema,
  listGrantsQuerySchema,
  listRequestsQuerySchema,
  listTasksQuerySchema,
  requestPageSchema,
  accessRequestSchema,
  revokeBodySchema,
  taskListSchema,
  taskSchema,
  withdrawBodySchema,
} from '@dingops/shared/access';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit';
import type { GrantsService } from './grants/grants.service';
import type { RequestsService } from './requests/requests.service';
import type { TasksService } from './tasks/tasks.service';

const tags = ['access'];

export function setupRequestRoutes(app: FastifyInstance, requests: RequestsService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post('/requests', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Request a role; DingOps starts the DingTalk approval (权限变更申请)', body: createRequestBodySchema, response: { 201: createdRequestSchema } },
    handler: async (request, reply) => reply.code(201).send(await requests.create({ body: request.body, actor: request.actor!, context: auditContextOf(request) })),
  });
  typed.get('/requests', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Access requests: mine, my team’s, waiting on me, or all (IT, auditors)', querystring: listRequestsQuerySchema, response: { 200: requestPageSchema } },
    handler: async (request) => requests.list({ query: request.query, actor: request.actor! }),
  });
  typed.get('/requests/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'One access request with its approvers and approval', params: idParamsSchema, response: { 200: accessRequestSchema } },
    handler: async (request) => requests.get({ id: request.params.id, actor: request.actor! }),
  });
  typed.post('/requests/:id/withdraw', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Withdraw a pending request; its DingTalk approval is revoked', params: idParamsSchema, body: withdrawBodySchema.optional(), response: { 200: accessRequestSchema } },
    handler: async (request) => requests.withdraw({ id: request.params.id, reason: request.body?.reason, actor: request.actor!, context: auditContextOf(request) }),
  });
}

export function setupGrantRoutes(app: FastifyInstance, grants: GrantsService, tasks: TasksService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/grants', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'A person’s grants (mine by default; a manager’s team, IT and auditors anyone)', querystring: listGrantsQuerySchema, response: { 200: grantPageSchema } },
    handler: async (request) => grants.list({ query: request.query, actor: request.actor! }),
  });
  typed.post('/grants/:id/revoke', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Revoke a grant now (IT admins, the holder’s manager)', params: idParamsSchema, body: revokeBodySchema, response: { 200: grantSchema } },
    handler: async (request) => grants.revoke({ grantId: request.params.id, reason: request.body.reason, actor: request.actor!, context: auditContextOf(request) }),
  });
  typed.get('/tasks', {
    config: { access: ['it_staff', 'it_admin'] },
    schema: { tags, summary: 'IT’s manual provisioning and de-provisioning steps', querystring: listTasksQuerySchema, response: { 200: taskListSchema } },
    handler: async (request) => tasks.list(request.query.status),
  });
  typed.post('/tasks/:id/done', {
    config: { access: ['it_staff', 'it_admin'] },
    schema: { tags, summary: 'Mark a manual step done (a provisioning grant becomes active)', params: idParamsSchema, response: { 200: taskSchema } },
    handler: async (request) => tasks.done({ id: request.params.id, actor: request.actor!, context: auditContextOf(request) }),
  });
}
