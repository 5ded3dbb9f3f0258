import { webhookSourceSetup } from '@dingops/shared/alert-sources';
import type { WebhookSourceKind } from '../api/sources';

/**
 * What to paste into the monitor so it posts to DingOps (an Alertmanager receiver, Grafana's
 * webhook contact point settings, a curl line for a script, …): each kind's text in shared
 * alert-sources.ts, with this source's webhook URL and token filled in.
 */
export function sourceSetupText(kind: WebhookSourceKind, { url, token }: { url: string; token: string }): string {
  return webhookSourceSetup[kind].replaceAll('{url}', url).replaceAll('{token}', token);
}
