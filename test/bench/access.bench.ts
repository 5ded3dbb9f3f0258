// Issue 12's numbers: an access review campaign over 50,000 held grants of 5,000 people — how long
// opening it takes, and how fast a reviewer's first page answers under load. On Postgres DingOps
// runs in its own process (compiled, as in production; its RSS is read from /proc); PGlite has one
// connection inside its process, so there DingOps runs inside the bench. Loopback only.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { overrideConfig } from '../../server/src/config';
import { demoDepartmentIds } from '../../server/src/sandbox';
import { startDingOps } from '../../server/src/runtime';
import { benchGrants, benchPeople, benchUserId, ownerReviewedSystems, populationStatements, sampleManagers } from './access-population';
import { freePort } from './alertmanager-baseline';
import { percentile, printTable } from './report';
import { compileServer, startServer, stopServer, waitReady } from './server-process';

/** A running DingOps with its database reachable for seeding. */
interface Target {
  kind: 'postgres' | 'pglite';
  url: string;
  sandboxUrl: string;
  execute: (statement: string) => Promise<void>;
  memory: () => string;
  close: () => Promise<void>;
}

const secrets = { JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0', ENCRYPTION_KEYS: `v1:${randomBytes(32).toString('base64')}`, LOGIN_RATE_LIMIT_PER_MINUTE: '10000' };

function rssOf(pid: number | undefined): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024);
    return `${mb('VmRSS')} MB now · ${mb('VmHWM')} MB peak`;
  } catch {
    return 'n/a (no /proc)';
  }
}

async function startOnPostgres(databaseUrl: string): Promise<Target> {
  compileServer();
  const schema = `bench_access_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'dingops-bench-access-'));
  const server = startServer({ port: await freePort(), dataDir, env: { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, DATABASE_POOL_MAX: '10', ...secrets } });
  await waitReady(server);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(`SET search_path TO "${schema}"`);
  return {
    kind: 'postgres',
    url: server.base,
    sandboxUrl: server.sandboxUrl,
    execute: async (statement) => void (await db.query(statement)),
    memory: () => `${rssOf(server.child.pid)} (DingOps process)`,
    async close() {
      await stopServer(server);
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startOnPglite(): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dingops-bench-access-'));
  const config = overrideConfig({ LOG_LEVEL: 'silent', PORT: '0', SANDBOX_PORT: '0', DATA_DIR: dataDir, DINGTALK_EVENT_TRANSPORT: 'off', ...secrets });
  const dingops = await startDingOps({ config, logger: false });
  const url = await dingops.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    kind: 'pglite',
    url,
    sandboxUrl: dingops.sandbox!.url,
    execute: async (statement) => void (await dingops.database.db.execute(sql.raw(statement))),
    memory: () => `${rssOf(process.pid)} (bench process: DingOps, PGlite and autocannon)`,
    async close() {
      await dingops.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

/** Signs in through the sandbox's DingTalk login; a bench person is first added to the sandbox org so DingTalk knows them. */
async function login(target: Target, userId: string): Promise<string> {
  if (userId.startsWith('bench-')) {
    const added = await post(`${target.sandboxUrl}/sandbox/api/org-events`, { type: 'user_add_org', userId, name: `压测 ${userId}`, departmentId: demoDepartmentIds.sales });
    if (added.status !== 201 && added.status !== 409) throw new Error(`sandbox refused ${userId}: ${added.status} ${await added.text()}`);
  }
  const { authCode } = await json<{ authCode: string }>(await post(`${target.sandboxUrl}/sandbox/api/auth-codes`, { userId }));
  return (await json<{ token: string }>(await post(`${target.url}/api/v1/auth/dingtalk`, { authCode }))).token;
}

/** Autocannon for `seconds`, each request as the next of `tokens` in turn; percentiles from every response's time. */
async function load(url: string, tokens: string[], path: string, { seconds = 10, connections = 8 } = {}) {
  let next = 0;
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path, headers: { ...request.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` } }) }] },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  const errors = result.errors + result.non2xx;
  const ms = (p: number) => percentile(times, p).toFixed(1);
  return `p50 ${ms(50)} ms · p95 ${ms(95)} ms · p99 ${ms(99)} ms · ${Math.round(result.requests.average)} req/s${errors ? ` · ${errors} errors` : ''}`;
}

interface ReviewPage {
  total: number;
  items: { id: number; risk: 'low' | 'medium' | 'high' }[];
  nextCursor: string | null;
}

/** Times one request of 100 keeps (no high-risk item: those are never kept in bulk), three times over different items. */
async function bulkKeep(target: Target, reviewId: number, token: string): Promise<string> {
  const timings: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    const page = await json<ReviewPage>(await fetch(`${target.url}/api/v1/access/reviews/${reviewId}?pending=true&limit=200`, { headers: { authorization: `Bearer ${token}` } }));
    const items = page.items.filter((item) => item.risk !== 'high').slice(0, 100).map((item) => ({ itemId: item.id, decision: 'keep' as const }));
    if (items.length < 100) return `skipped: only ${items.length} keepable items on a page`;
    const started = performance.now();
    await json(await post(`${target.url}/api/v1/access/reviews/${reviewId}/decisions`, { items }, token));
    timings.push(performance.now() - started);
  }
  return `${timings.map((ms) => `${Math.round(ms)}`).join(' / ')} ms (3 requests, median ${Math.round(percentile(timings, 50))} ms)`;
}

async function benchOne(target: Target) {
  const seedStarted = performance.now();
  for (const statement of populationStatements) await target.execute(statement);
  const seedMs = performance.now() - seedStarted;

  const admin = await login(target, 'yq-wanglei');
  const dueAt = new Date(Date.now() + 14 * 86_400_000).toISOString();
  const openStarted = performance.now();
  const { id } = await json<{ id: number }>(await post(`${target.url}/api/v1/access/reviews`, { name: `压测评审 ${target.kind}`, scope: {}, dueAt }, admin));
  const openMs = performance.now() - openStarted;
  const campaign = await json<ReviewPage>(await fetch(`${target.url}/api/v1/access/reviews/${id}?limit=1`, { headers: { authorization: `Bearer ${admin}` } }));

  const managers = await Promise.all(sampleManagers(40).map((userId) => login(target, userId)));
  const ownerId = benchUserId(ownerReviewedSystems[0]!);
  const owner = await login(target, ownerId);
  const ownerItems = (await json<ReviewPage>(await fetch(`${target.url}/api/v1/access/reviews/${id}?limit=1`, { headers: { authorization: `Bearer ${owner}` } }))).total;
  const firstPage = `/api/v1/access/reviews/${id}?pending=true&limit=100`;
  const single = await load(target.url, managers, firstPage, { connections: 1 });
  const many = await load(target.url, managers, firstPage);
  const big = await load(target.url, [owner], firstPage);
  const decided = await bulkKeep(target, id, owner);

  printTable(`Access review campaign, ${benchGrants.toLocaleString('en')} held grants of ${benchPeople.toLocaleString('en')} people (${target.kind})`, [
    ['generate people, systems, roles, grants (SQL, set-based)', `${(seedMs / 1000).toFixed(1)} s`],
    ['(1) POST /access/reviews, scope {} — wall time', `${(openMs / 1000).toFixed(2)} s · ${campaign.total.toLocaleString('en')} items`],
    ['(2) a reviewer’s first page (?pending=true&limit=100)', ''],
    ['    40 managers (9–18 reports, ~70–150 items), 1 connection, 10 s', single],
    ['    40 managers in turn, 8 connections, 10 s', many],
    [`    the owner of 压测系统 9 (${ownerItems.toLocaleString('en')} items), 8 connections, 10 s`, big],
    ['    POST /reviews/:id/decisions, 100 keeps', decided],
    ['(3) memory (RSS)', target.memory()],
  ]);
}

async function runOn(start: () => Promise<Target>) {
  const target = await start();
  try {
    await benchOne(target);
  } finally {
    await target.close();
  }
}

export async function benchAccess() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;
  if (url) await runOn(() => startOnPostgres(url));
  else console.log('\nAccess on Postgres skipped: set BENCH_DATABASE_URL=postgres://… to measure it.');
  if (process.env.BENCH_ACCESS_PGLITE !== 'false') await runOn(startOnPglite);
}
