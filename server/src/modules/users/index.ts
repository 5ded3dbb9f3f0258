import type { FastifyInstance } from 'fastify';
import { createOrgEventHandlers, orgEventTopics } from './users.org-events';
import { setupGetUserRoute, setupListUsersRoute, setupReactivateUserRoute, setupSetRolesRoute, setupSuspendUserRoute } from './users.routes';
import { createUsersService } from './users.service';

/**
 * IT admins see people and grant the IT and auditor roles (rule S2: least privilege by job); DingTalk's
 * contact events keep the people current, and a leaver's account is suspended at once.
 */
export async function usersModule(app: FastifyInstance) {
  const service = createUsersService({ identity: app.identity, audit: app.audit });
  setupListUsersRoute(app, service);
  setupGetUserRoute(app, service);
  setupSetRolesRoute(app, service);
  setupSuspendUserRoute(app, service);
  setupReactivateUserRoute(app, service);

  const orgEvents = createOrgEventHandlers({ identity: app.identity, dingtalk: app.deps.dingtalk, log: app.log.child({ module: 'users' }) });
  app.inbox.on(orgEventTopics.leave, orgEvents.onLeave);
  app.inbox.on(orgEventTopics.modify, orgEvents.onJoinOrChange);
  app.inbox.on(orgEventTopics.add, orgEvents.onJoinOrChange);
}
