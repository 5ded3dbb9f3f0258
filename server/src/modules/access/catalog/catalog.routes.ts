import { catalogSchema, createdSchema, createRoleBodySchema, createSystemBodySchema, systemIdParamsSchema } from '@dingops/shared/access';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../../platform/audit';
import type { CatalogService } from './catalog.service';

export function setupCatalogRoutes(app: FastifyInstance, catalog: CatalogService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/catalog', {
    config: { access: 'authenticated' },
    schema: { tags: ['access'], summary: 'The permission catalog: systems, owners and grantable roles', response: { 200: catalogSchema } },
    handler: async () => catalog.list(),
  });
  typed.post('/systems', {
    config: { access: ['it_admin'] },
    schema: { tags: ['access'], summary: 'Add a system to the catalog', body: createSystemBodySchema, response: { 201: createdSchema } },
    handler: async (request, reply) => reply.code(201).send(await catalog.createSystem({ body: request.body, context: auditContextOf(request) })),
  });
  typed.post('/systems/:id/roles', {
    config: { access: ['it_admin'] },
    schema: { tags: ['access'], summary: 'Add a grantable role to a system', params: systemIdParamsSchema, body: createRoleBodySchema, response: { 201: createdSchema } },
    handler: async (request, reply) => reply.code(201).send(await catalog.createRole({ systemId: request.params.id, body: request.body, context: auditContextOf(request) })),
  });
}
