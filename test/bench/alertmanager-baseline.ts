// The yardstick for alert ingest: Debian's Alertmanager taking the same alerts on its own
// /api/v2/alerts (kept in memory, no receivers), measured the same way as DingOps in the same run.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

export const alertmanagerBinary = process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface IngestResult {
  alertsPerSecond: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

/** Ten distinct alerts per request, numbered from a shared counter so every alert is new. */
export function alertBatches(prefix: string) {
  let next = 0;
  return () => {
    const alerts = Array.from({ length: 10 }, () => {
      next += 1;
      return { labels: { alertname: 'BenchLoad', severity: next % 10 === 0 ? 'critical' : 'warning', instance: `${prefix}-${next}`, service: `svc-${next % 50}` }, annotations: { summary: `bench alert ${next}` } };
    });
    return alerts;
  };
}

/**
 * Runs autocannon against `path` with bodies from `bodyOf`; counts only 2xx answers as ingested alerts.
 * A sustained rate is a steady state: the first `warmupSeconds` of the same load are not counted
 * (JIT compilation, connection pools filling, the first groups being created); `warmedUp` runs
 * between the two.
 */
export async function measureIngest({ url, path, headers, bodyOf, connections, seconds, warmupSeconds = 3, warmedUp }: { url: string; path: string; headers: Record<string, string>; bodyOf: () => string; connections: number; seconds: number; warmupSeconds?: number; warmedUp?: () => Promise<void> }): Promise<IngestResult> {
  const requests = [{ method: 'POST' as const, path, setupRequest: (request: autocannon.Request) => ({ ...request, headers: { ...headers, 'content-type': 'application/json' }, body: bodyOf() }) }];
  if (warmupSeconds > 0) await autocannon({ url, connections, duration: warmupSeconds, requests });
  await warmedUp?.();
  const result = await autocannon({ url, connections, duration: seconds, requests });
  const ok = result['2xx'];
  return { alertsPerSecond: (ok * 10) / seconds, requestsPerSecond: ok / seconds, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx, requests: ok };
}

/** Starts Alertmanager with a receiver that sends nothing; returns its URL and a stop function. */
export async function startAlertmanager(): Promise<{ url: string; stop: () => Promise<void> } | null> {
  if (!existsSync(alertmanagerBinary)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'dingops-bench-am-'));
  writeFileSync(join(dir, 'alertmanager.yml'), 'route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n');
  const port = await freePort();
  const child: ChildProcess = spawn(
    alertmanagerBinary,
    [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=warn'],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  await stop();
  throw new Error('Alertmanager did not become ready');
}

/** Alertmanager's own ingest of the same alerts, 10 per request. */
export async function benchAlertmanager({ connections, seconds }: { connections: number; seconds: number }): Promise<(IngestResult & { stored: number }) | null> {
  const alertmanager = await startAlertmanager();
  if (!alertmanager) return null;
  try {
    const batch = alertBatches('am');
    const result = await measureIngest({ url: alertmanager.url, path: '/api/v2/alerts', headers: {}, bodyOf: () => JSON.stringify(batch()), connections, seconds });
    const stored = ((await (await fetch(`${alertmanager.url}/api/v2/alerts?active=true&silenced=true&inhibited=true`)).json()) as unknown[]).length;
    return { ...result, stored };
  } finally {
    await alertmanager.stop();
  }
}
