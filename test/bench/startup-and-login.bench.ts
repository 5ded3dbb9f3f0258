// Measures what the platform issue promises: cold start on embedded PGlite (first start with initdb,
// then a restart on the same data dir) and the login round trip (sandbox auth code → JWT).
// Everything runs on loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile, printTable } from './report';

const port = 3900 + Math.floor(Math.random() * 50);
const sandboxPort = port + 50;
const base = `http://127.0.0.1:${port}`;

function startServer(dataDir: string): { child: ChildProcess; startedAt: number } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { PATH: process.env.PATH, PORT: String(port), SANDBOX_PORT: String(sandboxPort), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, startedAt: performance.now() };
}

async function waitReady(startedAt: number, timeoutMs = 60_000): Promise<number> {
  while (performance.now() - startedAt < timeoutMs) {
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return performance.now() - startedAt;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  throw new Error('server did not become ready');
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function loginOnce(userId: string): Promise<number> {
  const started = performance.now();
  const codeResponse = await fetch(`http://127.0.0.1:${sandboxPort}/sandbox/api/auth-codes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  const { authCode } = (await codeResponse.json()) as { authCode: string };
  const login = await fetch(`${base}/api/v1/auth/dingtalk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ authCode }) });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  await login.json();
  return performance.now() - started;
}

export async function benchStartupAndLogin() {
  const dataDir = mkdtempSync(join(tmpdir(), 'dingops-bench-'));
  try {
    const first = startServer(dataDir);
    const firstMs = await waitReady(first.startedAt);
    await stop(first.child);

    const restart = startServer(dataDir);
    const restartMs = await waitReady(restart.startedAt);
    try {
      const people = ['yq-zhangwei', 'yq-huangli', 'yq-lina', 'yq-wanglei', 'yq-zhaomin'];
      for (let i = 0; i < 5; i += 1) await loginOnce(people[i % people.length] ?? '');
      const samples: number[] = [];
      // 15 logins per minute per IP stay under the default login rate limit (20/min).
      for (let i = 0; i < 15; i += 1) samples.push(await loginOnce(people[i % people.length] ?? ''));
      printTable('Platform: start-up and login (PGlite, sandbox)', [
        ['cold start, first run (initdb + migrations), to /readyz 200', `${firstMs.toFixed(0)} ms`],
        ['cold start, restart on the same data dir, to /readyz 200', `${restartMs.toFixed(0)} ms`],
        [`login round trip (auth code + exchange), n=${samples.length}`, `p50 ${percentile(samples, 50).toFixed(1)} ms · p99 ${percentile(samples, 99).toFixed(1)} ms`],
      ]);
    } finally {
      await stop(restart.child);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
