import type { FastifyInstance } from 'fastify';
import { setupGetUserRoute, setupListUsersRoute, setupSetRolesRoute } from './users.routes';
import { createUsersService } from './users.service';

/** IT admins see people and grant the IT and auditor roles (rule S2: least privilege by job). */
export async function usersModule(app: FastifyInstance) {
  const service = createUsersService({ identity: app.identity, audit: app.audit });
  setupListUsersRoute(app, service);
  setupGetUserRoute(app, service);
  setupSetRolesRoute(app, service);
}
