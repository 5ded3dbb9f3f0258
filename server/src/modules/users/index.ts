import type { FastifyInstance } from 'fastify';
import { createOrgEventHandlers, orgEventTopics } from './users.org-events';
import { createRegistrationNotifier } from './users.notifications';
import {
  setupActivateUserRoute,
  setupGetUserRoute,
  setupListPendingUsersRoute,
  setupListUsersRoute,
  setupReactivateUserRoute,
  setupRejectUserRoute,
  setupSetRolesRoute,
  setupSuspendUserRoute,
} from './users.routes';
import { createUsersService } from './users.service';

/**
 * IT admins see people and grant the IT and auditor roles (rule S2: least privilege by job) and review
 * new registrations (rule S1: 账号审核); DingTalk's contact events keep the people current, and a
 * leaver's account is suspended at once.
 */
export async function usersModule(app: FastifyInstance) {
  const { database, config } = app.deps;
  const notifier = createRegistrationNotifier({ outbox: app.outbox, publicUrl: config.server.publicUrl });
  const service = createUsersService({ db: database.db, identity: app.identity, audit: app.audit, notifier });
  setupListUsersRoute(app, service);
  setupListPendingUsersRoute(app, service);
  setupGetUserRoute(app, service);
  setupSetRolesRoute(app, service);
  setupSuspendUserRoute(app, service);
  setupReactivateUserRoute(app, service);
  setupActivateUserRoute(app, service);
  setupRejectUserRoute(app, service);

  const orgEvents = createOrgEventHandlers({ identity: app.identity, dingtalk: app.deps.dingtalk, log: app.log.child({ module: 'users' }) });
  app.inbox.on(orgEventTopics.leave, orgEvents.onLeave);
  app.inbox.on(orgEventTopics.modify, orgEvents.onJoinOrChange);
  app.inbox.on(orgEventTopics.add, orgEvents.onJoinOrChange);
}
