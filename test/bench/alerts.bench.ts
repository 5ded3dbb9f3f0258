// The alerts issue's numbers, against the sandbox and Postgres, all on loopback:
// (a) sustained ingest of Alertmanager payloads (10 alerts each, 50 connections), side by side with
//     Debian's Alertmanager taking the same alerts on /api/v2/alerts (each after 3 s of the same load
//     as a warm-up, not counted);
// (b) webhook-to-card latency for level 1 at 100 alerts/s;
// (c) a storm of 20,000 alerts from 2,000 fingerprints in 10 s: all recorded, level-1 cards out,
//     no throttling, peak RSS.
// DingOps runs in its own process (as in production), so the load generator does not share its thread.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { fingerprintOf } from '../../shared/src/rules/alert-grouping';
import { demoGroupIds } from '../../server/src/sandbox';
import { alertBatches, benchAlertmanager, freePort, type IngestResult, measureIngest } from './alertmanager-baseline';
import { percentile, printTable } from './report';

interface Server {
  url: string;
  schema: string;
  sandboxUrl: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

async function startServer(databaseUrl: string, schema: string): Promise<Server> {
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'dingops-bench-alerts-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      DATABASE_POOL_MAX: '10',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let waited = 0; waited < 120_000; waited += 100) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return { url, schema, sandboxUrl: `http://127.0.0.1:${sandboxPort}`, child, stop };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stop();
  throw new Error('DingOps did not become ready');
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function createSource(server: Server, name: string): Promise<string> {
  const { authCode } = await json<{ authCode: string }>(await fetch(`${server.sandboxUrl}/sandbox/api/auth-codes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'yq-wanglei' }) }));
  const { token } = await json<{ token: string }>(await fetch(`${server.url}/api/v1/auth/dingtalk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ authCode }) }));
  const source = await json<{ token: string }>(await fetch(`${server.url}/api/v1/alerts/sources`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ name, kind: 'alertmanager' }) }));
  return source.token;
}

function webhookBody(alerts: { labels: Record<string, string>; annotations: Record<string, string> }[]) {
  return JSON.stringify({
    version: '4',
    groupKey: '{}:{alertname="bench"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'dingops',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://127.0.0.1:9093',
    // As Alertmanager sends them: each alert with its fingerprint (Alertmanager's hash of the label set).
    alerts: alerts.map((alert) => ({ status: 'firing', ...alert, startsAt: new Date().toISOString(), endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://127.0.0.1:9090/graph', fingerprint: fingerprintOf(alert.labels) })),
  });
}

/** Level-1 cards in IT运维值班群 as the sandbox shows them: outTrackId → when it appeared. */
async function cardsInItGroup(server: Server): Promise<Map<string, number>> {
  const { items } = await json<{ items: { kind: string; outTrackId?: string; createdAt: string }[] }>(await fetch(`${server.sandboxUrl}/sandbox/api/conversations/${demoGroupIds['it-oncall']}/messages`));
  return new Map(items.filter((item) => item.kind === 'card' && item.outTrackId).map((item) => [item.outTrackId!, new Date(item.createdAt).getTime()]));
}

function peakRssMb(child: ChildProcess): string {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return `${Math.round(kb / 1024)} MB`;
  } catch {
    return 'n/a (no /proc)';
  }
}

const rate = (result: IngestResult) => `${Math.round(result.alertsPerSecond).toLocaleString('en')} alerts/s · p50 ${result.p50} ms · p99 ${result.p99} ms${result.errors ? ` · ${result.errors} errors` : ''}`;

async function benchSustainedIngest(server: Server, db: pg.Client, schema: string): Promise<[string, string][]> {
  const token = await createSource(server, 'bench sustained');
  const seconds = 10;
  const countStored = async () => Number((await db.query(`SELECT count(*) AS n FROM "${schema}".alerts`)).rows[0].n);
  let before = 0;
  const batch = alertBatches('dingops');
  const warmedUp = async () => {
    before = await countStored();
  };
  const dingops = await measureIngest({ url: server.url, path: '/api/v1/alerts/webhooks/alertmanager', headers: { authorization: `Bearer ${token}` }, bodyOf: () => webhookBody(batch()), connections: 50, seconds, warmedUp });
  const stored = (await countStored()) - before;
  const grouping = await groupingCaughtUp(db, schema);
  const alertmanager = await benchAlertmanager({ connections: 50, seconds });
  return [
    ['(a) DingOps, Alertmanager webhook, 10 alerts/request, 50 connections', rate(dingops)],
    ['    stored durably (rows in Postgres after the run)', `${stored.toLocaleString('en')} distinct alerts = ${Math.round(stored / seconds).toLocaleString('en')} alerts/s`],
    ['    group-state pass behind at the end of the run', grouping],
    ['    Debian Alertmanager /api/v2/alerts, same load (in memory)', alertmanager ? `${rate(alertmanager)} · ${alertmanager.stored.toLocaleString('en')} alerts held` : 'skipped: prometheus-alertmanager not installed'],
  ];
}

/**
 * Under load a webhook is answered once its batch is stored; the group-state pass folds batches into
 * their groups a little later. How far behind it was when the load stopped, and that the groups then
 * account for every stored alert.
 */
async function groupingCaughtUp(db: pg.Client, schema: string): Promise<string> {
  const started = performance.now();
  for (;;) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM "${schema}".alert_group_changes`);
    if (rows[0].n === 0 || performance.now() - started > 60_000) break;
    await sleep(20);
  }
  const caughtUpMs = Math.round(performance.now() - started);
  const { rows } = await db.query(`SELECT (SELECT COALESCE(sum(alert_count), 0) FROM "${schema}".alert_groups)::bigint AS grouped, (SELECT count(*) FROM "${schema}".alerts)::bigint AS stored`);
  const { grouped, stored } = rows[0] as { grouped: string; stored: string };
  return `caught up ${caughtUpMs} ms after the last answer · groups count ${Number(grouped).toLocaleString('en')} of ${Number(stored).toLocaleString('en')} stored alerts`;
}

/** One level-1 alert every 10 ms for 10 s; every 10th opens a new group (a new card). */
async function benchCardLatency(server: Server): Promise<[string, string][]> {
  const token = await createSource(server, 'bench latency');
  const sentAt = new Map<string, number>();
  const run = randomBytes(3).toString('hex');
  const started = performance.now();
  const posts: Promise<unknown>[] = [];
  for (let index = 0; index < 1000; index += 1) {
    const due = started + index * 10;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const service = `latency-${run}-${Math.floor(index / 10)}`;
    const body = webhookBody([{ labels: { alertname: 'BenchLevelOne', service, instance: `host-${index}`, severity: 'critical' }, annotations: { summary: 'bench' } }]);
    const postedAt = Date.now();
    posts.push(
      fetch(`${server.url}/api/v1/alerts/webhooks/alertmanager`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body }).then(async (response) => {
        await response.arrayBuffer();
        if (response.status === 202 && !sentAt.has(service)) sentAt.set(service, postedAt);
      }),
    );
  }
  await Promise.all(posts);
  const groups = await groupIdsByService(server, run);
  let cards = new Map<string, number>();
  for (let waited = 0; waited < 30_000; waited += 250) {
    cards = await cardsInItGroup(server);
    if ([...groups.values()].every((id) => cards.has(`alert-group-${id}`))) break;
    await sleep(250);
  }
  const latencies = [...groups].flatMap(([service, id]) => {
    const shown = cards.get(`alert-group-${id}`);
    const posted = sentAt.get(service);
    return shown && posted ? [shown - posted] : [];
  });
  return [['(b) level 1 at 100 alerts/s: webhook → card in IT运维值班群', `${latencies.length}/${groups.size} cards · p50 ${Math.round(percentile(latencies, 50))} ms · p99 ${Math.round(percentile(latencies, 99))} ms`]];
}

async function groupIdsByService(server: Server, run: string): Promise<Map<string, string>> {
  const database = new pg.Client({ connectionString: benchDatabaseUrl! });
  await database.connect();
  try {
    const { rows } = await database.query(`SELECT id, labels->>'service' AS service FROM "${server.schema}".alert_groups WHERE labels->>'service' LIKE $1`, [`latency-${run}-%`]);
    return new Map(rows.map((row: { id: string; service: string }) => [row.service, String(row.id)]));
  } finally {
    await database.end();
  }
}

/** 20,000 alerts from 2,000 fingerprints in 10 s (200 requests/s of 10), 5 % critical. */
async function benchStorm(server: Server, db: pg.Client, schema: string): Promise<[string, string][]> {
  const token = await createSource(server, 'bench storm');
  const run = randomBytes(3).toString('hex');
  const started = performance.now();
  let failed = 0;
  const posts: Promise<unknown>[] = [];
  for (let request = 0; request < 2000; request += 1) {
    const due = started + request * 5;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const alerts = Array.from({ length: 10 }, (_, offset) => {
      const fingerprint = (request * 10 + offset) % 2000;
      return { labels: { alertname: fingerprint % 20 === 0 ? 'StormCritical' : 'StormWarning', service: `storm-${run}-${fingerprint % 40}`, instance: `node-${fingerprint}`, severity: fingerprint % 20 === 0 ? 'critical' : 'warning' }, annotations: { summary: `storm ${fingerprint}` } };
    });
    posts.push(
      fetch(`${server.url}/api/v1/alerts/webhooks/alertmanager`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: webhookBody(alerts) }).then(async (response) => {
        await response.arrayBuffer();
        if (response.status !== 202) failed += 1;
      }, () => {
        failed += 1;
      }),
    );
  }
  await Promise.all(posts);
  const sentMs = performance.now() - started;
  const stormStart = Date.now() - sentMs;
  const { rows } = await db.query(`SELECT count(*) AS n FROM "${schema}".alerts WHERE labels->>'service' LIKE $1`, [`storm-${run}-%`]);
  const levelOne = await db.query(`SELECT id FROM "${schema}".alert_groups WHERE level = 1 AND labels->>'service' LIKE $1`, [`storm-${run}-%`]);
  let lastCard = Number.NaN;
  for (let waited = 0; waited < 30_000; waited += 200) {
    const cards = await cardsInItGroup(server);
    const times = levelOne.rows.map((row: { id: string }) => cards.get(`alert-group-${row.id}`));
    if (times.every((time) => time !== undefined)) {
      lastCard = Math.max(...(times as number[])) - stormStart;
      break;
    }
    await sleep(200);
  }
  const throttled = await db.query(`SELECT count(*) AS n FROM "${schema}".outbox WHERE last_error ILIKE '%throttl%' OR last_error LIKE '%130101%'`);
  return [
    ['(c) storm: 2,000 requests × 10 alerts sent in', `${(sentMs / 1000).toFixed(1)} s · ${failed} requests refused`],
    ['    recorded (2,000 distinct fingerprints expected)', `${Number(rows[0].n).toLocaleString('en')} alerts`],
    ['    level-1 cards out (from storm start)', Number.isNaN(lastCard) ? `not all ${levelOne.rows.length} within 30 s` : `${levelOne.rows.length} cards, last after ${(lastCard / 1000).toFixed(1)} s`],
    ['    throttling errors from the sandbox', String(throttled.rows[0].n)],
    ['    DingOps peak RSS', peakRssMb(server.child)],
  ];
}

const benchDatabaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;

export async function benchAlerts() {
  if (!benchDatabaseUrl) {
    console.log('\nAlerts skipped: set BENCH_DATABASE_URL=postgres://… (the targets are for Postgres).');
    return;
  }
  const schema = `bench_alerts_${randomBytes(4).toString('hex')}`;
  const server = await startServer(benchDatabaseUrl, schema);
  const db = new pg.Client({ connectionString: benchDatabaseUrl });
  await db.connect();
  try {
    const rows = [...(await benchSustainedIngest(server, db, schema)), ...(await benchCardLatency(server)), ...(await benchStorm(server, db, schema))];
    printTable('Alerts (Postgres, sandbox DingTalk, DingOps in its own process)', rows);
  } finally {
    await server.stop();
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.end();
  }
}
