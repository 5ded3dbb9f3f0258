import { auditPageSchema, auditVerificationSchema, listAuditQuerySchema } from '@dingops/shared/audit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit';
import type { AuditLogService } from './audit-log.service';

const readers = ['auditor', 'it_admin'] as const;

export function setupListAuditRoute(app: FastifyInstance, service: AuditLogService) {
  app.withTypeProvider<ZodTypeProvider>().get('', {
    config: { access: readers },
    schema: { tags: ['audit'], summary: 'Audit log, newest first, with filters and keyset paging', querystring: listAuditQuerySchema, response: { 200: auditPageSchema } },
    handler: async (request) => service.list({ query: request.query, context: auditContextOf(request) }),
  });
}

export function setupVerifyAuditRoute(app: FastifyInstance, service: AuditLogService) {
  app.withTypeProvider<ZodTypeProvider>().get('/verify', {
    config: { access: readers },
    schema: { tags: ['audit'], summary: 'Walk the hash chain and report the first broken link', response: { 200: auditVerificationSchema } },
    handler: async (request) => service.verify({ context: auditContextOf(request) }),
  });
}
