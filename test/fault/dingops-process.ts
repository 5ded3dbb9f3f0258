import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { overrideConfig } from '../../server/src/config';
import { startSandbox } from '../../server/src/sandbox';
import { freePort } from './private-postgres';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Secrets the processes of one deployment share: a token one signs, another accepts. */
export const sharedSecrets = { JWT_SECRET: `fault-${randomBytes(24).toString('hex')}`, ENCRYPTION_KEYS: `v1:${randomBytes(32).toString('base64')}` };

/** The IT admin the fault tests act as (ADMIN_USER_IDS: an external sandbox seeds no demo roles). */
export const admin = 'yq-wanglei';

/**
 * The DingTalk sandbox, in the test's process, that every DingOps process under test talks to
 * (DINGTALK_SANDBOX_URL). An event answered LATER comes again after a second, not DingTalk's minute.
 */
export async function startSharedSandbox() {
  const { dingtalk } = overrideConfig({});
  return startSandbox({
    host: '127.0.0.1',
    port: 0,
    clientId: dingtalk.clientId,
    clientSecret: dingtalk.clientSecret,
    corpId: dingtalk.corpId,
    agentId: dingtalk.agentId,
    eventDelivery: { settings: { laterRetryMs: 1_000, ackTimeoutMs: 5_000, maxStreamAttempts: 100 } },
  });
}

export interface DingOpsProcess {
  url: string;
  child: ChildProcess;
  /** Whatever the process wrote to stderr (warnings and errors), for a failing test to show. */
  stderr(): string;
  isRunning(): boolean;
  stop(): Promise<void>;
}

/** Starts `server/src/main.ts` in a child process, as in production, and waits for /readyz. */
export async function startDingOps({ databaseUrl, schema, sandboxUrl, env = {} }: { databaseUrl: string; schema: string; sandboxUrl: string; env?: Record<string, string> }): Promise<DingOpsProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'dingops-fault-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      DINGTALK_SANDBOX_URL: sandboxUrl,
      ADMIN_USER_IDS: admin,
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      ...sharedSecrets,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (isRunning()) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (const started = Date.now(); Date.now() - started < 90_000; await sleep(200)) {
    if (!isRunning()) break;
    const ready = await fetch(`${url}/readyz`).then((response) => response.status === 200, () => false);
    if (ready) return { url, child, stderr: () => stderr, isRunning, stop };
  }
  await stop();
  throw new Error(`DingOps did not become ready:\n${stderr}`);
}

/** Logs in through the real exchange: a sandbox auth code for `userId`, traded at POST /api/v1/auth/dingtalk. */
export async function loginAs(dingops: DingOpsProcess, sandboxUrl: string, userId: string): Promise<Record<string, string>> {
  const code = (await (await post(`${sandboxUrl}/sandbox/api/auth-codes`, { userId })).json()) as { authCode: string };
  const response = await post(`${dingops.url}/api/v1/auth/dingtalk`, { authCode: code.authCode });
  if (response.status !== 200) throw new Error(`login as ${userId} failed: ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

export function post(url: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
}

/** A monitoring source on `dingops`; returns its webhook token. */
export async function createAlertSource(dingops: DingOpsProcess, headers: Record<string, string>): Promise<string> {
  const response = await post(`${dingops.url}/api/v1/alerts/sources`, { name: 'Alertmanager 生产', kind: 'alertmanager' }, headers);
  if (response.status !== 201) throw new Error(`source create failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
