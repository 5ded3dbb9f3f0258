import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { overrideConfig } from '../../server/src/config';
import type { Database } from '../../server/src/db/client';
import { startDingOps } from '../../server/src/runtime';
import { openTestDatabase } from './test-database';

export const testJwtSecret = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/** A clock tests can move; the app reads time only through it. */
export function createTestClock(start = new Date('2026-11-28T08:00:00.000Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

const running: { close(): Promise<void> }[] = [];

/** Closes every app built since the last call; `close-test-apps.ts` runs it after each test. */
export async function closeTestApps(): Promise<void> {
  await Promise.all(running.splice(0).map((item) => item.close()));
}

/**
 * The production graph (same startDingOps as main.ts) on a fresh database and a sandbox on a random
 * port. Closed after each test.
 */
export async function buildTestApp(env: Record<string, string> = {}, options: { realClock?: boolean; database?: Database } = {}) {
  const database = options.database ?? (await openTestDatabase());
  const config = overrideConfig({
    LOG_LEVEL: 'silent',
    SANDBOX_PORT: '0',
    JWT_SECRET: testJwtSecret,
    ENCRYPTION_KEYS: `v1:${randomBytes(32).toString('base64')}`,
    // Tests drive the outbox worker and the inbox dispatcher themselves unless they ask otherwise.
    OUTBOX_WORKER: 'false',
    INBOX_DISPATCHER: 'false',
    DATA_DIR: '/nonexistent-test-data-dir',
    ...env,
  });
  const clock = createTestClock();
  const dingops = await startDingOps({ config, logger: false, database, clock: options.realClock ? () => new Date() : () => clock.now() });
  running.push(dingops);
  const sandboxUrl = dingops.sandbox?.url ?? '';

  async function authCodeFor(userId: string): Promise<string> {
    const response = await fetch(`${sandboxUrl}/sandbox/api/auth-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    if (!response.ok) throw new Error(`sandbox refused an auth code for ${userId}: ${response.status}`);
    return ((await response.json()) as { authCode: string }).authCode;
  }

  /** Logs in through the real exchange (sandbox auth code → POST /api/v1/auth/dingtalk). */
  async function loginAs(userId: string): Promise<{ token: string; userId: string; headers: { authorization: string } }> {
    const response = await dingops.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode: await authCodeFor(userId) } });
    if (response.statusCode !== 200) throw new Error(`login as ${userId} failed: ${response.statusCode} ${response.body}`);
    const session = response.json() as { token: string; user: { id: string } };
    return { token: session.token, userId: session.user.id, headers: { authorization: `Bearer ${session.token}` } };
  }

  /** Runs the outbox worker until nothing is due (by the app's clock); returns how many rows it handled. */
  async function drainOutbox(maxRounds = 200): Promise<number> {
    let handled = 0;
    for (let round = 0; round < maxRounds; round += 1) {
      const batch = await dingops.app.outboxWorker.runOnce();
      if (batch === 0) return handled;
      handled += batch;
    }
    throw new Error('the outbox did not drain');
  }

  async function sandboxApi<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const response = await fetch(`${sandboxUrl}/sandbox/api${path}`, {
      method: init.method ?? 'GET',
      ...(init.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
    });
    if (!response.ok) throw new Error(`sandbox ${init.method ?? 'GET'} ${path} → ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  return { ...dingops, config, clock, sandboxUrl, authCodeFor, loginAs, drainOutbox, sandboxApi };
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

export function problemOf(response: LightMyRequestResponse) {
  expectProblemContentType(response);
  return response.json() as { status: number; code: string; detail: string; errors?: { path: string; message: string }[]; instance: string };
}

function expectProblemContentType(response: LightMyRequestResponse) {
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${type}: ${response.body}`);
}
