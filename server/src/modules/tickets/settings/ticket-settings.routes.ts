import { putTicketCategoryBodySchema, slaSettingsSchema, ticketCategoryListSchema, ticketCategoryNodeSchema, ticketCategoryParamsSchema } from '@dingops/shared/tickets';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf } from '../../../platform/audit';
import type { SlaSettingsService } from './sla-settings.service';
import type { TicketCategoriesService } from './ticket-categories.service';

const isIt = (roles: readonly string[]) => roles.includes('it_staff') || roles.includes('it_admin');

/** The category tree and the SLA calendar and targets: everyone reads, IT admins edit. */
export function setupTicketSettingsRoutes(app: FastifyInstance, { categories, slaSettings }: { categories: TicketCategoriesService; slaSettings: SlaSettingsService }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/ticket-categories', {
    config: { access: 'authenticated' },
    schema: { tags: ['tickets'], summary: 'The category tree (active nodes; ?all=true shows IT the inactive ones too)', querystring: z.object({ all: z.enum(['true', 'false']).optional() }), response: { 200: ticketCategoryListSchema } },
    handler: async (request) => ({ items: await categories.list({ includeInactive: request.query.all === 'true' && isIt(request.actor!.roles) }) }),
  });

  api.put('/ticket-categories/:code', {
    config: { access: ['it_admin'] },
    schema: { tags: ['tickets'], summary: 'Create or change a category (at most three levels)', params: ticketCategoryParamsSchema, body: putTicketCategoryBodySchema, response: { 200: ticketCategoryNodeSchema } },
    handler: async (request) => categories.put({ code: request.params.code, body: request.body, context: auditContextOf(request) }),
  });

  api.get('/ticket-sla-settings', {
    config: { access: 'authenticated' },
    schema: { tags: ['tickets'], summary: 'Business calendar (holidays, 调休) and SLA targets per level', response: { 200: slaSettingsSchema } },
    handler: async () => slaSettings.get(),
  });

  api.put('/ticket-sla-settings', {
    config: { access: ['it_admin'] },
    schema: { tags: ['tickets'], summary: 'Change the business calendar and SLA targets (new tickets only)', body: slaSettingsSchema, response: { 200: slaSettingsSchema } },
    handler: async (request) => slaSettings.put({ settings: request.body, actorId: request.actor!.id, context: auditContextOf(request) }),
  });
}
