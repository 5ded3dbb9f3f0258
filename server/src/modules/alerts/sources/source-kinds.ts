import { webhookSourceKinds, type WebhookSourceKind } from '@dingops/shared/alert-sources';
import { alertmanagerSource } from './kinds/alertmanager';
import { genericSource } from './kinds/generic';
import { grafanaSource } from './kinds/grafana';
import { uptimeKumaSource } from './kinds/uptime-kuma';
import type { WebhookSource } from './webhook-source';

/** The server's side of each kind in shared alert-sources.ts; a kind missing here does not compile. */
const byKind: Record<WebhookSourceKind, WebhookSource> = {
  alertmanager: alertmanagerSource,
  grafana: grafanaSource,
  generic: genericSource,
  'uptime-kuma': uptimeKumaSource,
};

/** Every kind's webhook, in the shared list's order (the order of the routes in the API document). */
export const webhookSources: readonly WebhookSource[] = webhookSourceKinds.map((kind) => byKind[kind]);
