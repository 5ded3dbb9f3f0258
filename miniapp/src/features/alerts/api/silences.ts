import { silenceListSchema, silenceSchema, type createSilenceBodySchema } from '@dingops/shared/alerts';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type CreateSilenceBody = z.input<typeof createSilenceBodySchema>;

/** GET /alerts/silences (IT): in force or yet to start. */
export async function listSilences(signal?: AbortSignal) {
  return (await apiRequest('/alerts/silences', { schema: silenceListSchema, signal, silent: true })).items;
}

/** POST /alerts/silences (IT). */
export function createSilence(body: CreateSilenceBody) {
  return apiRequest('/alerts/silences', { method: 'POST', body, schema: silenceSchema, silent: true });
}

/** DELETE /alerts/silences/:silenceId (IT): ends it now; answers 204. */
export async function expireSilence(silenceId: string): Promise<void> {
  await apiRequest(`/alerts/silences/${encodeURIComponent(silenceId)}`, { method: 'DELETE', schema: z.unknown(), silent: true });
}
