import { accessHistoryQuerySchema, accessHistorySchema, personAccessSchema, personParamsSchema } from '@dingops/shared/access';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../../platform/audit';
import { DomainError } from '../../../platform/errors/domain-error';
import { attachmentDisposition } from '../../../platform/http/csv';
import type { EvidenceService } from './evidence.service';

const fromBeforeTo = (query: { from: string; to: string }) => {
  if (new Date(query.from).getTime() >= new Date(query.to).getTime()) throw new DomainError('access.bad_range', 'invalid', 'The range must start before it ends', [{ path: 'querystring.to', message: 'must be after from' }]);
};

export function setupEvidenceRoutes(app: FastifyInstance, evidence: EvidenceService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/history', {
    config: { access: ['auditor', 'it_admin'] },
    schema: { tags: ['access'], summary: 'Who had access to a system between two dates', querystring: accessHistoryQuerySchema, response: { 200: accessHistorySchema } },
    handler: async (request) => {
      fromBeforeTo(request.query);
      return evidence.history(request.query);
    },
  });
  typed.get('/history.csv', {
    config: { access: ['auditor', 'it_admin'] },
    schema: { tags: ['access'], summary: 'Who had access to a system between two dates, as CSV for Excel (UTF-8 with BOM)', querystring: accessHistoryQuerySchema },
    handler: async (request, reply) => {
      fromBeforeTo(request.query);
      const file = await evidence.historyCsv({ query: request.query, context: auditContextOf(request) });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', attachmentDisposition(file.fileName)).header('cache-control', 'no-store').send(file.body);
    },
  });
  typed.get('/people/:userId', {
    config: { access: 'authenticated' },
    schema: { tags: ['access'], summary: 'A person’s whole access history (themselves, their manager, IT, auditors)', params: personParamsSchema, response: { 200: personAccessSchema } },
    handler: async (request) => evidence.person({ userId: request.params.userId, actor: request.actor! }),
  });
}
