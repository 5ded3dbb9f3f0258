import { startStreamTransport, type StreamTransportOptions, type StreamTransport } from '../../../server/src/dingtalk/stream';
import { startSandbox, type EventRecord, type RunningSandbox, type SandboxEventOptions } from '../../../server/src/sandbox';
import { testApp } from './sandbox-fixture';

/** Delivery timeouts shrunk so redelivery, pings and retries happen within a test. */
export const fastEventSettings: NonNullable<SandboxEventOptions['settings']> = {
  ackTimeoutMs: 800,
  laterRetryMs: 50,
  callbackTimeoutMs: 2000,
  maxStreamAttempts: 5,
  httpTimeoutMs: 2000,
  httpRetryDelaysMs: [50, 100],
  pingIntervalMs: 100,
  disconnectGraceMs: 100,
};

export function startEventSandbox(eventDelivery: SandboxEventOptions = {}, options: { now?: () => number } = {}): Promise<RunningSandbox> {
  return startSandbox({ host: '127.0.0.1', port: 0, ...testApp, ...options, eventDelivery: { ...eventDelivery, settings: { ...fastEventSettings, ...eventDelivery.settings } } });
}

/** A Stream transport of the test app against the sandbox's own gateway. */
export function streamTransportFor(sandbox: RunningSandbox, options: Partial<StreamTransportOptions> = {}): StreamTransport {
  return startStreamTransport({
    clientId: testApp.clientId,
    clientSecret: testApp.clientSecret,
    openConnectionUrl: `${sandbox.url}/v1.0/gateway/connections/open`,
    callbackTopics: [],
    onEvent: async () => 'SUCCESS',
    onCallback: async () => null,
    reconnectMs: 50,
    ...options,
  });
}

/** Poll `probe` until it returns something other than undefined/false/null. */
export async function waitFor<T>(probe: () => T | Promise<T>, { timeoutMs = 5000, what = 'the condition' } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Wait until the sandbox's record of `id` is in `status`. */
export function waitForStatus(sandbox: RunningSandbox, id: string, status: EventRecord['status']): Promise<EventRecord> {
  return waitFor(
    () => {
      const record = sandbox.state.events.get(id);
      return record?.status === status ? record : undefined;
    },
    { what: `event ${id} to be ${status}` },
  );
}

export async function sandboxApi<T = unknown>(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${sandbox.url}/sandbox/api${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}
