/**
 * The kinds of monitor that post alerts to DingOps: one entry per kind, the one list the API's kind
 * enums, the `alert_sources.kind` column and the micro-app's source pages derive from. Each kind posts
 * to `/api/v1/alerts/webhooks/<kind>`; the server's side of a kind (its payload schema and the
 * normaliser that turns a payload into alerts) is in server/src/modules/alerts/sources/kinds/.
 *
 * `setup` is what an admin pastes into the monitor, with `{url}` and `{token}` standing for the
 * webhook URL and the source's token (shown once, when the source is made or its token replaced).
 */
const webhookSourceKindList = [
  {
    kind: 'alertmanager',
    setup: ['receivers:', '  - name: dingops', '    webhook_configs:', '      - url: {url}', '        send_resolved: true', '        http_config:', '          authorization:', '            credentials: {token}'].join('\n'),
  },
  {
    kind: 'grafana',
    setup: ['URL: {url}', 'HTTP Method: POST', 'Authorization Header - Scheme: Bearer', 'Authorization Header - Credentials: {token}'].join('\n'),
  },
  {
    kind: 'generic',
    setup: `curl -X POST {url} \\\n  -H 'authorization: Bearer {token}' -H 'content-type: application/json' \\\n  -d '{"title":"磁盘空间不足","severity":"warning","labels":{"service":"nas","instance":"nas-01"}}'`,
  },
  {
    // Settings → Notifications → Setup Notification; a tag such as `severity: critical` on a monitor becomes a label.
    kind: 'uptime-kuma',
    setup: ['Notification Type: Webhook', 'Post URL: {url}', 'Request Body: Preset - application/json', 'Additional Headers:', '{"Authorization": "Bearer {token}"}'].join('\n'),
  },
] as const satisfies readonly { kind: string; setup: string }[];

type KindsOf<T extends readonly { kind: string }[]> = { readonly [K in keyof T]: T[K]['kind'] };

/** Kinds an admin can create a source of: each has its own webhook route and token. */
export const webhookSourceKinds = webhookSourceKindList.map((entry) => entry.kind) as unknown as KindsOf<typeof webhookSourceKindList>;
export type WebhookSourceKind = (typeof webhookSourceKinds)[number];

/** Every kind a source can have; 'probe' is DingOps's own built-in source (no token, not creatable). */
export const alertSourceKinds = [...webhookSourceKinds, 'probe'] as const;
export type AlertSourceKind = (typeof alertSourceKinds)[number];

/** Each webhook kind's setup text, `{url}` and `{token}` still to fill in (the micro-app's token sheet does). */
export const webhookSourceSetup = Object.fromEntries(webhookSourceKindList.map((entry) => [entry.kind, entry.setup])) as Record<WebhookSourceKind, string>;
