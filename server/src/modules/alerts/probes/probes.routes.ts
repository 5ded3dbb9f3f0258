import { probeBodySchema, probeIdParamsSchema, probeListSchema, probeResultPageSchema, probeResultsQuerySchema, probeRunSchema, probeSchema } from '@dingops/shared/probes';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../../platform/audit';
import type { ProbesService } from './probes.service';

const it = ['it_staff', 'it_admin'] as const;
const admin = ['it_admin'] as const;
const tags = ['alerts'];

/** Built-in probes (rule F1 "built-in monitoring"): HTTP(S) and TCP checks that raise their own alerts. */
export function setupProbeRoutes(app: FastifyInstance, service: ProbesService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/probes', {
    config: { access: it },
    schema: { tags, summary: 'Built-in probes with their last result and 24 h availability', response: { 200: probeListSchema } },
    handler: async () => service.list(),
  });
  typed.post('/probes', {
    config: { access: admin },
    schema: { tags, summary: 'Add an HTTP(S) or TCP probe; it runs on its interval and raises ProbeDown/ProbeSlow alerts', body: probeBodySchema, response: { 201: probeSchema } },
    handler: async (request, reply) => reply.status(201).send(await service.create({ body: request.body, actor: request.actor!, context: auditContextOf(request) })),
  });
  typed.put('/probes/:probeId', {
    config: { access: admin },
    schema: { tags, summary: 'Replace a probe’s settings (disabling it resolves its open alert)', params: probeIdParamsSchema, body: probeBodySchema, response: { 200: probeSchema } },
    handler: async (request) => service.update({ id: request.params.probeId, body: request.body, context: auditContextOf(request) }),
  });
  typed.delete('/probes/:probeId', {
    config: { access: admin },
    schema: { tags, summary: 'Delete a probe and its results; its open alert is resolved', params: probeIdParamsSchema },
    handler: async (request, reply) => {
      await service.remove({ id: request.params.probeId, context: auditContextOf(request) });
      return reply.status(204).send();
    },
  });
  typed.post('/probes/:probeId/run', {
    config: { access: it },
    schema: { tags, summary: 'Run a probe now; the result is recorded and may raise or resolve its alert', params: probeIdParamsSchema, response: { 200: probeRunSchema } },
    handler: async (request) => service.runNow({ id: request.params.probeId, context: auditContextOf(request) }),
  });
  typed.get('/probes/:probeId/results', {
    config: { access: it },
    schema: { tags, summary: 'A probe’s results in the last `hours` (1–720) with availability and p50/p95 response time', params: probeIdParamsSchema, querystring: probeResultsQuerySchema, response: { 200: probeResultPageSchema } },
    handler: async (request) => service.results({ id: request.params.probeId, hours: request.query.hours }),
  });
}
