import { createDingTalkClient, type DingTalkClientOptions } from '../../../server/src/dingtalk/client';
import { startSandbox, type RunningSandbox } from '../../../server/src/sandbox';

/** The app the test sandbox hosts; clients built by `clientFor` use the same credentials. */
export const testApp = {
  clientId: 'dingtestappkey0001',
  clientSecret: 'test-app-secret-0001',
  corpId: 'dingtestcorp0001',
  agentId: '100000001',
};

/** A hand-driven clock shared by a sandbox and a client, so expiry can be tested without waiting. */
export function createTestClock(start = Date.UTC(2025, 0, 6, 9, 0, 0)) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}

export function startTestSandbox(options: { now?: () => number } = {}): Promise<RunningSandbox> {
  return startSandbox({ host: '127.0.0.1', port: 0, ...testApp, ...options });
}

export function clientFor(sandbox: RunningSandbox, overrides: Partial<DingTalkClientOptions> = {}) {
  return createDingTalkClient({
    ...testApp,
    apiEndpoint: `127.0.0.1:${sandbox.port}`,
    apiProtocol: 'http',
    oapiBaseUrl: sandbox.url,
    timeoutMs: 5000,
    ...overrides,
  });
}

/** "Log in as" through the sandbox's own API, as the micro-app does in sandbox mode. */
export async function issueAuthCode(sandbox: RunningSandbox, userId: string): Promise<string> {
  const response = await fetch(`${sandbox.url}/sandbox/api/auth-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (response.status !== 201) throw new Error(`auth code for ${userId}: HTTP ${response.status}`);
  const { authCode } = (await response.json()) as { authCode: string };
  return authCode;
}

/** Run `call` and return what it threw; fails the test when it resolves. */
export async function failureOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
