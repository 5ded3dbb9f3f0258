import { createdSchema, createReviewBodySchema, decisionsBodySchema, decisionsResultSchema, idParamsSchema, reviewDetailSchema, reviewItemsQuerySchema, reviewListSchema, reviewReportSchema } from '@dingops/shared/access';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../../platform/audit';
import { attachmentDisposition } from '../../../platform/http/csv';
import type { ReviewDecisions } from './reviews.decisions';
import type { ReviewReports } from './reviews.report';
import type { ReviewsService } from './reviews.service';

const tags = ['access'];

export function setupReviewRoutes(app: FastifyInstance, { reviews, decisions, reports }: { reviews: ReviewsService; decisions: ReviewDecisions; reports: ReviewReports }) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post('/reviews', {
    config: { access: ['it_admin'] },
    schema: { tags, summary: 'Open an access review campaign over the held grants in scope (rule S2)', body: createReviewBodySchema, response: { 201: createdSchema } },
    handler: async (request, reply) => reply.code(201).send(await reviews.create({ body: request.body, actor: request.actor!, context: auditContextOf(request) })),
  });
  typed.get('/reviews', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Review campaigns I have items in (all of them for IT and auditors)', response: { 200: reviewListSchema } },
    handler: async (request) => reviews.list({ actor: request.actor! }),
  });
  typed.get('/reviews/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'A campaign with the items I decide (all items for IT and auditors)', params: idParamsSchema, querystring: reviewItemsQuerySchema, response: { 200: reviewDetailSchema } },
    handler: async (request) => reviews.get({ id: request.params.id, query: request.query, actor: request.actor! }),
  });
  typed.post('/reviews/:id/decisions', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Decide items: keep, revoke (with a comment) or shorten; high-risk grants are never kept in bulk', params: idParamsSchema, body: decisionsBodySchema, response: { 200: decisionsResultSchema } },
    handler: async (request) => decisions.decide({ reviewId: request.params.id, body: request.body, actor: request.actor!, context: auditContextOf(request) }),
  });
  typed.get('/reviews/:id/report', {
    config: { access: ['it_admin', 'auditor'] },
    schema: { tags, summary: 'The campaign’s evidence: completion per reviewer, decisions, revocations done, rubber-stamping', params: idParamsSchema, response: { 200: reviewReportSchema } },
    handler: async (request) => reports.report(request.params.id),
  });
  typed.get('/reviews/:id/report.csv', {
    config: { access: ['it_admin', 'auditor'] },
    schema: { tags, summary: 'The report as CSV for Excel (UTF-8 with BOM): a row per reviewer, then a row per item', params: idParamsSchema },
    handler: async (request, reply) => {
      const file = await reports.csv({ id: request.params.id, context: auditContextOf(request) });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', attachmentDisposition(file.fileName)).header('cache-control', 'no-store').send(file.body);
    },
  });
}
