import { listUsersQuerySchema, pendingUsersSchema, reactivateUserBodySchema, rejectUserBodySchema, setRolesBodySchema, suspendUserBodySchema, userIdParamsSchema, userPageSchema, userSchema } from '@dingops/shared/users';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit';
import type { UsersService } from './users.service';

export function setupListUsersRoute(app: FastifyInstance, service: UsersService) {
  app.withTypeProvider<ZodTypeProvider>().get('', {
    config: { access: ['it_staff', 'it_admin'] },
    schema: { tags: ['users'], summary: 'People known to DingOps, by name', querystring: listUsersQuerySchema, response: { 200: userPageSchema } },
    handler: async (request) => service.listUsers({ query: request.query, context: auditContextOf(request) }),
  });
}

export function setupGetUserRoute(app: FastifyInstance, service: UsersService) {
  app.withTypeProvider<ZodTypeProvider>().get('/:userId', {
    config: { access: ['it_staff', 'it_admin'] },
    schema: { tags: ['users'], summary: 'One person with their roles', params: userIdParamsSchema, response: { 200: userSchema } },
    handler: async (request) => service.getUser({ userId: request.params.userId, context: auditContextOf(request) }),
  });
}

export function setupSetRolesRoute(app: FastifyInstance, service: UsersService) {
  app.withTypeProvider<ZodTypeProvider>().put('/:userId/roles', {
    config: { access: ['it_admin'] },
    schema: { tags: ['users'], summary: 'Replace the roles an admin grants (it_staff, it_admin, auditor)', params: userIdParamsSchema, body: setRolesBodySchema, response: { 200: userSchema } },
    handler: async (request) =>
      service.setRoles({ userId: request.params.userId, roles: request.body.roles, context: auditContextOf(request), actor: request.actor! }),
  });
}

export function setupSuspendUserRoute(app: FastifyInstance, service: UsersService) {
  app.withTypeProvider<ZodTypeProvider>().post('/:userId/suspend', {
    config: { access: ['it_admin'] },
    schema: { tags: ['users'], summary: 'Suspend an account: its sessions are refused from the next request on', params: userIdParamsSchema, body: suspendUserBodySchema, response: { 200: userSchema } },
    handler: async (request) => service.suspend({ userId: request.params.userId, reason: request.body.reason, context: auditContextOf(request), actor: request.actor! }),
  });
}

export function setupReactivateUserRoute(app: FastifyInstance, service: UsersService) {
  app.withTypeProvider<ZodTypeProvider>().post('/:userId/reactivate', {
    config: { access: ['it_admin'] },
    schema: { tags: ['users'], summary: 'Make a suspended account active again', params: userIdParamsSchema, body: reactivateUserBodySchema, response: { 200: userSchema } },
    handler: async (request) => service.reactivate({ userId: request.params.userId, reason: request.body.reason, context: auditContextOf(request), actor: request.actor! }),
  });
}

export function setupListPendingUsersRoute(app: FastifyInstance, service: UsersService) {
  app.withTypeProvider<ZodTypeProvider>().get('/pending', {
    config: { access: ['it_staff', 'it_admin'] },
    schema: { tags: ['users'], summary: 'People waiting for registration review (账号审核), oldest first, mobile masked', response: { 200: pendingUsersSchema } },
    handler: async (request) => service.listPending({ context: auditContextOf(request) }),
  });
}

export function setupActivateUserRoute(app: FastifyInstance, service: UsersService) {
  app.withTypeProvider<ZodTypeProvider>().post('/:userId/activate', {
    config: { access: ['it_admin'] },
    schema: { tags: ['users'], summary: 'Pass a registration review: the pending person becomes active and is told in DingTalk', params: userIdParamsSchema, response: { 200: userSchema } },
    handler: async (request) => service.activate({ userId: request.params.userId, context: auditContextOf(request) }),
  });
}

export function setupRejectUserRoute(app: FastifyInstance, service: UsersService) {
  app.withTypeProvider<ZodTypeProvider>().post('/:userId/reject', {
    config: { access: ['it_admin'] },
    schema: { tags: ['users'], summary: 'Refuse a registration with a reason: the person is told, and their logins are refused', params: userIdParamsSchema, body: rejectUserBodySchema, response: { 200: userSchema } },
    handler: async (request) => service.reject({ userId: request.params.userId, reason: request.body.reason, context: auditContextOf(request) }),
  });
}
