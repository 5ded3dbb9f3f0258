// Issue 4's target: with 100,000 tickets, the IT queue list and the ticket detail answer with
// p99 under 30 ms on Postgres (PGlite reported too). HTTP on loopback, measured with autocannon.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { overrideConfig } from '../../server/src/config';
import { startDingOps } from '../../server/src/runtime';
import { printTable } from './report';

const ticketCount = 100_000;

async function loginToken(app: Awaited<ReturnType<typeof startDingOps>>, userId: string): Promise<{ token: string; id: string }> {
  const code = await fetch(`${app.sandbox!.url}/sandbox/api/auth-codes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  const { authCode } = (await code.json()) as { authCode: string };
  const session = (await app.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode } })).json() as { token: string; user: { id: string } };
  return { token: session.token, id: session.user.id };
}

/** 100,000 tickets over 5 levels of status, 3 levels, 20 reporters, each with a three-step timeline. */
async function seedTickets(dingops: Awaited<ReturnType<typeof startDingOps>>, reporterId: string) {
  const { db } = dingops.database;
  await db.execute(sql`
    INSERT INTO tickets (title, category, description, impact, urgency, level, status, source, reporter_id, reporter_name, reporter_dingtalk_id,
      reporter_department, reporter_department_ids, started_at, created_at, updated_at, response_due_at, resolution_due_at)
    SELECT '故障 ' || g, (ARRAY['network','vpn','email','printer','computer'])[1 + g % 5], '描述 ' || g,
      (ARRAY['self','team','department','company'])[1 + g % 4], (ARRAY['low','medium','high'])[1 + g % 3], 1 + g % 3,
      (ARRAY['reported','accepted','diagnosing','resolved','closed'])[1 + g % 5], 'miniapp', ${reporterId}::uuid, '张伟', 'yq-zhangwei',
      '销售部', ARRAY[581208004], now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, now(),
      now() + interval '1 hour', now() + interval '8 hours'
    FROM generate_series(1, ${ticketCount}) AS g`);
  await db.execute(sql`
    INSERT INTO ticket_events (ticket_id, at, actor_name, kind, action, from_status, to_status, note)
    SELECT t.id, t.created_at + (s || ' minutes')::interval, '李娜', 'transition', 'accept', 'reported', 'accepted', '步骤 ' || s
    FROM tickets t CROSS JOIN generate_series(1, 3) AS s`);
  await db.execute(sql`ANALYZE tickets`);
  await db.execute(sql`ANALYZE ticket_events`);
}

async function measure(url: string, token: string, paths: () => string, seconds: number, connections = 8) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths() }) }],
  });
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, errors: result.errors + result.non2xx };
}

async function benchOne(kind: 'pglite' | 'postgres', url: string | null) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dingops-bench-tickets-'));
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const config = overrideConfig({
    LOG_LEVEL: 'silent',
    PORT: '0',
    SANDBOX_PORT: '0',
    DATA_DIR: dataDir,
    OUTBOX_WORKER: 'false',
    DINGTALK_EVENT_TRANSPORT: 'off',
    ...(url ? { DATABASE_URL: url, DATABASE_SCHEMA: schema, DATABASE_POOL_MAX: '10' } : {}),
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    ENCRYPTION_KEYS: `v1:${randomBytes(32).toString('base64')}`,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  });
  const dingops = await startDingOps({ config, logger: false });
  try {
    const reporter = await loginToken(dingops, 'yq-zhangwei');
    const it = await loginToken(dingops, 'yq-lina');
    const seedStarted = performance.now();
    await seedTickets(dingops, reporter.id);
    const seedMs = performance.now() - seedStarted;
    const address = await dingops.app.listen({ port: 0, host: '127.0.0.1' });
    const maxId = ticketCount;
    const randomId = () => 1 + Math.floor(Math.random() * maxId);
    const single = await measure(address, it.token, () => '/api/v1/tickets?view=all&limit=30', 8, 1);
    const singleDetail = await measure(address, reporter.token, () => `/api/v1/tickets/${randomId()}`, 8, 1);
    const queue = await measure(address, it.token, () => '/api/v1/tickets?view=all&limit=30', 8);
    const filtered = await measure(address, it.token, () => `/api/v1/tickets?view=all&level=1&status=accepted&limit=30`, 8);
    const deep = await measure(address, it.token, () => `/api/v1/tickets?view=all&limit=30&cursor=${Buffer.from(JSON.stringify([String(randomId())])).toString('base64url')}`, 8);
    const detail = await measure(address, reporter.token, () => `/api/v1/tickets/${randomId()}`, 8);
    const row = (label: string, m: { p50: number; p99: number; rps: number; errors: number }): [string, string] => [label, `p50 ${m.p50} ms · p99 ${m.p99} ms · ${Math.round(m.rps)} req/s${m.errors ? ` · ${m.errors} errors` : ''}`];
    printTable(`Tickets with ${ticketCount.toLocaleString('en')} rows (${kind}; seeded in ${(seedMs / 1000).toFixed(1)} s)`, [
      row('queue, first page, 1 connection', single),
      row('ticket detail, 1 connection', singleDetail),
      row('queue, first page (GET /tickets?view=all), 8 connections', queue),
      row('queue, level + status filter, 8 connections', filtered),
      row('queue, a random page (keyset cursor), 8 connections', deep),
      row('ticket detail with timeline (reporter), 8 connections', detail),
    ]);
  } finally {
    await dingops.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  }
}

export async function benchTicketQueries() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;
  if (url) await benchOne('postgres', url);
  else console.log('\nTickets on Postgres skipped: set BENCH_DATABASE_URL=postgres://… to measure it.');
  await benchOne('pglite', null);
}
