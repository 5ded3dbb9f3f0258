import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createAuditRepository } from './audit.repository';
import { type AuditContext, type AuditService, createAuditService } from './audit.service';

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditService;
  }
}

export const auditPlugin = fp(
  async (app: FastifyInstance) => {
    const repo = createAuditRepository({ db: app.deps.database.db });
    app.decorate('audit', createAuditService({ repo, clock: app.deps.clock }));
  },
  { name: 'audit', dependencies: ['deps'] },
);

/** Who is acting and from where, for audit rows written on behalf of this request. */
export function auditContextOf(request: FastifyRequest): AuditContext {
  return {
    actorId: request.actor?.id ?? null,
    actorName: request.actor?.name ?? null,
    sourceIp: request.ip ?? null,
    requestId: request.id,
  };
}
