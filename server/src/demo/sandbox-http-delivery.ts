import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { isLoopback, ownUrl } from '../platform/http/own-url';
import { callbackPaths } from '../platform/inbox/transports/http.routes';

/**
 * HTTP mode against the sandbox (sandbox mode only): once this DingOps listens, it tells the sandbox to push events,
 * robot messages and card clicks to its own URLs with the callback token and AES key both share, as
 * an admin saves them in DingTalk's developer console. The sandbox checks the event URL with an
 * encrypted check_url push first. The last instance to start receives the pushes, as with one URL
 * behind a load balancer; every instance reads the same inbox.
 */
export function setupSandboxHttpDelivery(app: FastifyInstance) {
  const { config, sandboxApiUrl } = app.deps;
  const events = config.dingtalk.events;
  if (events.transport !== 'http' || !sandboxApiUrl) return;
  const log = app.log.child({ module: 'inbox' });

  const stopped = new AbortController();
  app.addHook('onListen', async () => {
    const urlOf = deliveryUrlFor(app, sandboxApiUrl);
    const delivery = { mode: 'http', callbackUrl: urlOf(callbackPaths.events), robotUrl: urlOf(callbackPaths.robot), cardCallbackUrl: urlOf(callbackPaths.cards), token: events.callbackToken, aesKey: events.callbackAesKey };
    if (!delivery.callbackUrl) {
      log.warn({ sandboxApiUrl }, 'The sandbox cannot reach this DingOps; switch its event delivery by hand');
      return;
    }
    // In the background: the sandbox's check_url push needs this server answering, and a busy start may miss its timeout once.
    void switchDelivery({ sandboxApiUrl, delivery, signal: stopped.signal })
      .then(() => log.info({ callbackUrl: delivery.callbackUrl }, 'Asked the sandbox to deliver events by HTTP callback'))
      .catch((error: unknown) => {
        // Events would not arrive: loud in the log, but a demo nicety must not stop the start-up.
        if (!stopped.signal.aborted) log.error({ err: error, callbackUrl: delivery.callbackUrl }, 'Could not switch the sandbox to HTTP callbacks; events will not arrive');
      });
  });
  app.addHook('preClose', async () => stopped.abort());
}

const retryDelaysMs = [500, 1000, 2000, 4000, 8000];

async function switchDelivery({ sandboxApiUrl, delivery, signal }: { sandboxApiUrl: string; delivery: Record<string, unknown>; signal: AbortSignal }) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await fetch(`${sandboxApiUrl}/event-delivery`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(delivery), signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) });
      if (response.ok) return;
      throw new Error(`The sandbox answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    } catch (error) {
      const wait = retryDelaysMs[attempt];
      if (wait === undefined || signal.aborted) throw error;
      await sleep(wait, undefined, { signal });
    }
  }
}

/** A sandbox on this machine reaches the listening port; one elsewhere, the public URL. */
function deliveryUrlFor(app: FastifyInstance, sandboxApiUrl: string) {
  const { config } = app.deps;
  const address = app.server.address() as AddressInfo | null;
  const local = isLoopback(new URL(sandboxApiUrl).hostname);
  return (path: string): string | null => {
    if (!local) return new URL(path, config.server.publicUrl).toString();
    return address && typeof address === 'object' ? ownUrl({ publicUrl: config.server.publicUrl, address, tls: config.server.tls !== null }, path) : null;
  };
}
