import { alertTimingSchema, alertTimingSettingsSchema } from '@dingops/shared/alert-maintenance';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../../platform/audit';
import type { TimingService } from './timing.service';

/** 通知节奏: IT reads the per-level timing, IT admins change it. */
export function setupTimingRoutes(app: FastifyInstance, timing: TimingService) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/timing', {
    config: { access: ['it_staff', 'it_admin'] },
    schema: { tags: ['alerts'], summary: 'Group wait, group interval and repeat interval per alert level', response: { 200: alertTimingSettingsSchema } },
    handler: async () => timing.settings(),
  });
  typed.put('/timing', {
    config: { access: ['it_admin'] },
    schema: { tags: ['alerts'], summary: 'Change the notification timing per level (level 3: only the repeat interval matters)', body: alertTimingSchema, response: { 200: alertTimingSettingsSchema } },
    handler: async (request) => timing.put({ body: request.body, actor: request.actor!, context: auditContextOf(request) }),
  });
}
