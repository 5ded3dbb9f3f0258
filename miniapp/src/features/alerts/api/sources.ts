import { alertSourceSchema, createdSourceSchema, sourceListSchema, type webhookSourceKinds } from '@dingops/shared/alerts';
import { env } from '../../../config/env';
import { apiRequest } from '../../../lib/api-client';

export type WebhookSourceKind = (typeof webhookSourceKinds)[number];

/** GET /alerts/sources (it_admin): the sources, never their tokens. */
export async function listSources(signal?: AbortSignal) {
  return (await apiRequest('/alerts/sources', { schema: sourceListSchema, signal, silent: true })).items;
}

/** POST /alerts/sources (it_admin): the answer carries the token, this once. */
export function createSource(body: { name: string; kind: WebhookSourceKind }) {
  return apiRequest('/alerts/sources', { method: 'POST', body, schema: createdSourceSchema, silent: true });
}

/** POST /alerts/sources/:id/rotate (it_admin): a new token; the old one stops at once. */
export function rotateSource(id: string) {
  return apiRequest(`/alerts/sources/${encodeURIComponent(id)}/rotate`, { method: 'POST', schema: createdSourceSchema, silent: true });
}

/** POST /alerts/sources/:id/disable or …/enable (it_admin). */
export function setSourceEnabled(id: string, enabled: boolean) {
  return apiRequest(`/alerts/sources/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`, { method: 'POST', schema: alertSourceSchema, silent: true });
}

/** Where a source of this kind posts: this DingOps's own webhook route, as the monitor must reach it. */
export function webhookUrlOf(kind: WebhookSourceKind): string {
  return new URL(`${env.apiBaseUrl}/alerts/webhooks/${kind}`, window.location.href).toString();
}
