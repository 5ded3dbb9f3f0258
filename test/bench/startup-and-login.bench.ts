// Measures what the platform issue promises: cold start of the compiled server on embedded PGlite
// (a first start on a new DATA_DIR, then a restart on the same one), from process launch to the
// first `/readyz` 200, in wall time and in the CPU time the process used (which depends far less
// on what else the machine is doing); and the login round trip (sandbox auth code → JWT).
// Everything runs on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, printTable } from './report';
import { compileServer, type ServerProcess, startServer, stopServer, waitReady } from './server-process';

const port = 3900 + 2 * Math.floor(Math.random() * 25);
const rounds = 3;

async function loginOnce(server: ServerProcess, userId: string): Promise<number> {
  const started = performance.now();
  const codeResponse = await fetch(`${server.sandboxUrl}/sandbox/api/auth-codes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  const { authCode } = (await codeResponse.json()) as { authCode: string };
  const login = await fetch(`${server.base}/api/v1/auth/dingtalk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ authCode }) });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  await login.json();
  return performance.now() - started;
}

const median = (values: number[]) => percentile(values, 50);
const describeStarts = (starts: { wallMs: number; cpuMs: number | null }[]) => {
  const cpu = starts.map((start) => start.cpuMs).filter((value): value is number => value !== null);
  return `${median(starts.map((start) => start.wallMs)).toFixed(0)} ms wall${cpu.length > 0 ? `, ${median(cpu).toFixed(0)} ms CPU` : ''} (median of ${starts.length})`;
};

export async function benchStartupAndLogin() {
  // `npm start` compiles the server and prepares the PGlite template before it starts the server.
  compileServer();
  const firsts = [];
  const restarts = [];
  let samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const dataDir = mkdtempSync(join(tmpdir(), 'dingops-bench-'));
    try {
      const first = startServer({ port, dataDir });
      firsts.push(await waitReady(first));
      await stopServer(first);

      const restart = startServer({ port, dataDir });
      restarts.push(await waitReady(restart));
      try {
        if (round === rounds - 1) samples = await loginSamples(restart);
      } finally {
        await stopServer(restart);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  printTable('Platform: start-up and login (compiled server, PGlite, sandbox)', [
    ['cold start, first run on a new DATA_DIR, to /readyz 200', describeStarts(firsts)],
    ['cold start, restart on the same DATA_DIR, to /readyz 200', describeStarts(restarts)],
    [`login round trip (auth code + exchange), n=${samples.length}`, `p50 ${percentile(samples, 50).toFixed(1)} ms · p99 ${percentile(samples, 99).toFixed(1)} ms`],
  ]);
}

async function loginSamples(server: ServerProcess): Promise<number[]> {
  const people = ['yq-zhangwei', 'yq-huangli', 'yq-lina', 'yq-wanglei', 'yq-zhaomin'];
  for (let i = 0; i < 5; i += 1) await loginOnce(server, people[i % people.length] ?? '');
  const samples: number[] = [];
  // 15 logins per minute per IP stay under the default login rate limit (20/min).
  for (let i = 0; i < 15; i += 1) samples.push(await loginOnce(server, people[i % people.length] ?? ''));
  return samples;
}
