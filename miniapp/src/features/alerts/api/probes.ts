import { probeListSchema, probeResultPageSchema, probeRunSchema, probeSchema, type probeBodySchema } from '@dingops/shared/probes';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type ProbeBodyInput = z.input<typeof probeBodySchema>;

/** GET /alerts/probes (IT): every probe with its last result and 24 h availability. */
export async function listProbes(signal?: AbortSignal) {
  return (await apiRequest('/alerts/probes', { schema: probeListSchema, signal, silent: true })).items;
}

/** POST /alerts/probes (IT admin). */
export function createProbe(body: ProbeBodyInput) {
  return apiRequest('/alerts/probes', { method: 'POST', body, schema: probeSchema, silent: true });
}

/** PUT /alerts/probes/:probeId (IT admin): the whole probe. */
export function updateProbe(probeId: string, body: ProbeBodyInput) {
  return apiRequest(`/alerts/probes/${encodeURIComponent(probeId)}`, { method: 'PUT', body, schema: probeSchema, silent: true });
}

/** DELETE /alerts/probes/:probeId (IT admin): answers 204. */
export async function deleteProbe(probeId: string): Promise<void> {
  await apiRequest(`/alerts/probes/${encodeURIComponent(probeId)}`, { method: 'DELETE', schema: z.unknown(), silent: true });
}

/** POST /alerts/probes/:probeId/run (IT): 立即探测. */
export function runProbe(probeId: string) {
  return apiRequest(`/alerts/probes/${encodeURIComponent(probeId)}/run`, { method: 'POST', schema: probeRunSchema, silent: true });
}

/** GET /alerts/probes/:probeId/results?hours= (IT): the chart's points and the window's summary. */
export function getProbeResults(probeId: string, hours: number, signal?: AbortSignal) {
  return apiRequest(`/alerts/probes/${encodeURIComponent(probeId)}/results`, { query: { hours }, schema: probeResultPageSchema, signal, silent: true });
}
