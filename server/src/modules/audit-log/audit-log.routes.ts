import { auditFiltersSchema, auditPageSchema, auditPeopleQuerySchema, auditPeopleSchema, auditVerificationSchema, listAuditQuerySchema } from '@dingops/shared/audit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit';
import { attachmentDisposition } from '../../platform/http/csv';
import type { AuditLogService } from './audit-log.service';

const readers = ['auditor', 'it_admin'] as const;

export function setupListAuditRoute(app: FastifyInstance, service: AuditLogService) {
  app.withTypeProvider<ZodTypeProvider>().get('', {
    config: { access: readers },
    schema: {
      tags: ['audit'],
      summary: 'Audit log, newest first, filtered by actor (DingOps or DingTalk id), action or action family (tickets.*), target and time; keyset paging',
      querystring: listAuditQuerySchema,
      response: { 200: auditPageSchema },
    },
    handler: async (request) => service.list({ query: request.query, context: auditContextOf(request) }),
  });
}

export function setupExportAuditRoute(app: FastifyInstance, service: AuditLogService) {
  app.withTypeProvider<ZodTypeProvider>().get('/export.csv', {
    config: { access: readers },
    schema: { tags: ['audit'], summary: 'The filtered audit log as a CSV file for Excel (UTF-8 with BOM), streamed', querystring: auditFiltersSchema },
    handler: async (request, reply) => {
      const file = await service.exportCsv({ filters: request.query, context: auditContextOf(request) });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', attachmentDisposition(file.fileName)).header('cache-control', 'no-store').send(file.body);
    },
  });
}

export function setupVerifyAuditRoute(app: FastifyInstance, service: AuditLogService) {
  app.withTypeProvider<ZodTypeProvider>().get('/verify', {
    config: { access: readers },
    schema: { tags: ['audit'], summary: 'Walk the hash chain and report the first broken link', response: { 200: auditVerificationSchema } },
    handler: async (request) => service.verify({ context: auditContextOf(request) }),
  });
}

/** Auditors may not list users (that is IT's page); this answers the actor picker with names and DingTalk ids only. */
export function setupAuditPeopleRoute(app: FastifyInstance, service: AuditLogService) {
  app.withTypeProvider<ZodTypeProvider>().get('/people', {
    config: { access: readers },
    schema: { tags: ['audit'], summary: 'People to filter the audit log by, searched by name or DingTalk id', querystring: auditPeopleQuerySchema, response: { 200: auditPeopleSchema } },
    handler: async (request) => service.people({ q: request.query.q, context: auditContextOf(request) }),
  });
}
