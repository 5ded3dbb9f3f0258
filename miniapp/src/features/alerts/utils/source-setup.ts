import type { WebhookSourceKind } from '../api/sources';

/**
 * What to paste into the monitor so it posts to DingOps: an Alertmanager receiver, Grafana's
 * webhook contact point settings, or a curl line for a script.
 */
export function sourceSetupText(kind: WebhookSourceKind, { url, token }: { url: string; token: string }): string {
  if (kind === 'alertmanager') {
    return ['receivers:', '  - name: dingops', '    webhook_configs:', `      - url: ${url}`, '        send_resolved: true', '        http_config:', '          authorization:', `            credentials: ${token}`].join('\n');
  }
  if (kind === 'grafana') return [`URL: ${url}`, 'HTTP Method: POST', 'Authorization Header - Scheme: Bearer', `Authorization Header - Credentials: ${token}`].join('\n');
  return `curl -X POST ${url} \\\n  -H 'authorization: Bearer ${token}' -H 'content-type: application/json' \\\n  -d '{"title":"磁盘空间不足","severity":"warning","labels":{"service":"nas","instance":"nas-01"}}'`;
}
