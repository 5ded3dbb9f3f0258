import { maintenanceWindowBodySchema, maintenanceWindowIdParamsSchema, maintenanceWindowListSchema, maintenanceWindowSchema } from '@dingops/shared/alert-maintenance';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../../platform/audit';
import type { MaintenanceService } from './maintenance.service';

const it = ['it_staff', 'it_admin'] as const;
const admin = ['it_admin'] as const;

/** 维护窗口 (rules M1, M2): IT sees them, IT admins plan, change and cancel them. */
export function setupMaintenanceRoutes(app: FastifyInstance, maintenance: MaintenanceService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/maintenance-windows', {
    config: { access: it },
    schema: { tags: ['alerts'], summary: 'Maintenance windows open now or still to come (openNow, nextStartsAt)', response: { 200: maintenanceWindowListSchema } },
    handler: async () => maintenance.list(),
  });
  typed.post('/maintenance-windows', {
    config: { access: admin },
    schema: { tags: ['alerts'], summary: 'Plan a maintenance window: matching alerts are recorded but page nobody while it is open', body: maintenanceWindowBodySchema, response: { 201: maintenanceWindowSchema } },
    handler: async (request, reply) => reply.status(201).send(await maintenance.create({ body: request.body, actor: request.actor!, context: auditContextOf(request) })),
  });
  typed.put('/maintenance-windows/:windowId', {
    config: { access: admin },
    schema: { tags: ['alerts'], summary: 'Change a maintenance window', params: maintenanceWindowIdParamsSchema, body: maintenanceWindowBodySchema, response: { 200: maintenanceWindowSchema } },
    handler: async (request) => maintenance.update({ id: request.params.windowId, body: request.body, context: auditContextOf(request) }),
  });
  typed.delete('/maintenance-windows/:windowId', {
    config: { access: admin },
    schema: { tags: ['alerts'], summary: 'Cancel a maintenance window (it never opens again)', params: maintenanceWindowIdParamsSchema },
    handler: async (request, reply) => {
      await maintenance.cancel({ id: request.params.windowId, context: auditContextOf(request) });
      return reply.status(204).send();
    },
  });
}
