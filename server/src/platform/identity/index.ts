import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createIdentityRepository } from './identity.repository';
import { createIdentityService, type IdentityService } from './identity.service';

declare module 'fastify' {
  interface FastifyInstance {
    identity: IdentityService;
  }
}

export const identityPlugin = fp(
  async (app: FastifyInstance) => {
    const { database, cipher, config, directory } = app.deps;
    const repo = createIdentityRepository({ db: database.db });
    const registration = { mode: config.dingtalk.mode, autoActivateDepartmentIds: config.auth.autoActivateDepartmentIds, adminUserIds: config.auth.adminUserIds, demoUserIds: directory.demoUserIds };
    app.decorate('identity', createIdentityService({ db: database.db, repo, audit: app.audit, cipher, registration }));
  },
  { name: 'identity', dependencies: ['deps', 'audit'] },
);
