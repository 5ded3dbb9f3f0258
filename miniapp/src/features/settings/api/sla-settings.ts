import { slaSettingsSchema, type SlaSettings } from '@dingops/shared/tickets';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type { SlaSettings };

// The page reads the settings back after saving, so the answer's body is not needed.
const anyAnswer = z.unknown();

/** GET /ticket-sla-settings (it_admin). */
export function getSlaSettings(signal?: AbortSignal): Promise<SlaSettings> {
  return apiRequest('/ticket-sla-settings', { schema: slaSettingsSchema, signal, silent: true });
}

/** PUT /ticket-sla-settings (it_admin): the whole calendar and targets at once. */
export async function putSlaSettings(settings: SlaSettings): Promise<void> {
  await apiRequest('/ticket-sla-settings', { method: 'PUT', body: settings, schema: anyAnswer, silent: true });
}
