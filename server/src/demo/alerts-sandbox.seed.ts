import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { systemContext } from '../platform/audit/audit.service';
import type { AlertsContract } from '../modules/alerts';
import { isLoopback, ownUrl } from '../platform/http/own-url';

export const sandboxSourceName = '沙箱 Alertmanager';

/** What the connection needs of the alerts module: its sources. */
export type SourceAccess = AlertsContract['sources'];

/**
 * Sandbox mode: the sandbox's Alertmanager gets a source of its own and this DingOps's webhook URL,
 * as an IT admin would set up a real one, so the console's 模拟 → 监控告警 sends alerts through the
 * whole pipeline. A sandbox that already has a receiver (another instance, or this one before a
 * restart of DingOps alone) is left as it is. Otherwise the source is made, or its token rotated: a
 * token is shown only once, and the sandbox forgets it on its own restart. A source an admin
 * disabled stays disabled.
 */
export async function connectSandboxAlertmanager({ service, sandboxApiUrl, webhookUrl }: { service: SourceAccess; sandboxApiUrl: string; webhookUrl: string }): Promise<'created' | 'rotated' | 'disabled' | 'already'> {
  const current = await fetch(`${sandboxApiUrl}/monitoring`, { signal: AbortSignal.timeout(5000) });
  if (!current.ok) throw new Error(`The sandbox answered ${current.status} for its monitoring`);
  if (((await current.json()) as { receiver: unknown }).receiver) return 'already';
  const existing = (await service.listSources()).items.find((source) => source.name === sandboxSourceName && source.kind === 'alertmanager');
  if (existing && !existing.enabled) return 'disabled';
  const { token } = existing ? await service.rotateSource({ id: existing.id, context: systemContext }) : await service.createSource({ name: sandboxSourceName, kind: 'alertmanager', context: systemContext });
  const response = await fetch(`${sandboxApiUrl}/monitoring/receiver`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: webhookUrl, token }),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`The sandbox answered ${response.status} to the alert receiver`);
  return existing ? 'rotated' : 'created';
}

/** Connects the sandbox's Alertmanager once the server listens. */
export function connectSandboxAlertmanagerOnListen(app: FastifyInstance) {
  const { config, sandboxApiUrl } = app.deps;
  // runtime.ts calls this only in sandbox mode with the demo company.
  if (!sandboxApiUrl) return;
  const log = app.log.child({ module: 'demo' });
  app.addHook('onListen', async () => {
    const address = app.server.address() as AddressInfo | null;
    const path = '/api/v1/alerts/webhooks/alertmanager';
    // A sandbox on this machine reaches the listening port; one elsewhere, the public URL.
    const local = isLoopback(new URL(sandboxApiUrl).hostname);
    const webhookUrl = !local ? new URL(path, config.server.publicUrl).toString() : address && typeof address === 'object' ? ownUrl({ publicUrl: config.server.publicUrl, address, tls: config.server.tls !== null }, path) : null;
    if (!webhookUrl) return;
    try {
      const outcome = await connectSandboxAlertmanager({ service: app.alerts.sources, sandboxApiUrl, webhookUrl });
      log.info({ outcome, webhookUrl }, 'Connected the sandbox’s Alertmanager');
    } catch (error) {
      // A demo nicety must not stop the start-up.
      log.warn({ err: error }, 'Skipped the sandbox’s Alertmanager');
    }
  });
}
