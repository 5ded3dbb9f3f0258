import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alertmanagerPayload } from '../../support/alertmanager-payload';
import { demo } from '../../support/demo-people';
import { testDatabaseKind } from '../../support/test-database';
import { buildTestApp, problemOf } from '../../support/test-app';
import { waitFor } from '../../support/wait';
import { openBreakableDatabase, recordProcessFailures } from './outage-fixture';

// What would end a plain Node process (an unhandled 'error' event, an unhandled rejection) fails these tests.
let failures: ReturnType<typeof recordProcessFailures>;
beforeAll(() => {
  failures = recordProcessFailures();
});
afterAll(() => failures.stop());
afterEach(() => {
  failures.failures.length = 0;
});

const report = { category: 'other', title: '打印机卡纸', description: '二楼打印机卡纸，取不出来', impact: 'self', urgency: 'medium' };

async function startWithBreakableDatabase(env: Record<string, string> = {}) {
  const breakable = await openBreakableDatabase();
  const t = await buildTestApp(env, { database: breakable.database, realClock: true });
  return { ...breakable, t };
}

describe('a database outage (P2: the platform stays up)', () => {
  it('P2: while the database is away a signed-in request gets 503 problem+json with Retry-After, never 401; it works again once the database is back', async () => {
    const { t, cut, restore } = await startWithBreakableDatabase();
    const lina = await t.loginAs(demo.itStaff);
    cut();
    const during = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: lina.headers });
    expect(during.statusCode).toBe(503);
    expect(during.headers['retry-after']).toBe('5');
    expect(problemOf(during)).toMatchObject({ status: 503, code: 'database.unavailable' });
    expect(during.body).not.toMatch(/select|from /i);

    await restore();
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: lina.headers });
    expect(after.statusCode).toBe(200);
    expect(failures.failures).toEqual([]);
  });

  it('P2: /readyz answers 503 while the database is away and 200 once it is back', async () => {
    const { t, cut, restore } = await startWithBreakableDatabase();
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    cut();
    const during = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(during.statusCode).toBe(503);
    expect(during.json()).toMatchObject({ status: 'unavailable' });
    await restore();
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('P2: an Alertmanager webhook that cannot be stored is answered 503, so Alertmanager sends it again, and the resend is stored', async () => {
    const { t, cut, restore } = await startWithBreakableDatabase();
    const admin = await t.loginAs(demo.itLead);
    const source = (await t.app.inject({ method: 'POST', url: '/api/v1/alerts/sources', headers: admin.headers, payload: { name: 'prod', kind: 'alertmanager' } })).json() as { token: string };
    const webhook = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/alerts/webhooks/alertmanager',
        headers: { authorization: `Bearer ${source.token}` },
        payload: alertmanagerPayload([{ labels: { alertname: 'DiskFull', instance: 'fs1', severity: 'warning' }, annotations: { summary: '磁盘将满' } }]),
      });
    expect((await webhook()).statusCode).toBe(202);

    cut();
    const during = await webhook();
    expect(during.statusCode).toBe(503);
    expect(during.headers['retry-after']).toBe('5');
    await restore();
    expect((await webhook()).statusCode).toBe(202);
    const stored = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM alerts`);
    expect((stored.rows[0] as { n: number }).n).toBe(1);
  });

  it('P2: a scheduled job that cannot reach the database fails quietly (nothing crashes) and runs again once it is back', async () => {
    const { t, cut, restore } = await startWithBreakableDatabase();
    let runs = 0;
    t.app.scheduler.register({ name: 'demo.every_second', cron: '* * * * * *', run: async () => `run ${++runs}` });
    await t.app.ready();
    cut();
    await sleep(2_200);
    await restore();
    const before = runs;
    await waitFor(async () => runs > before, 'the job to run again after the outage', 5_000);
    expect(failures.failures).toEqual([]);
  });

  // A hung server needs a socket: PGlite has none.
  it.runIf(testDatabaseKind === 'postgres')('P2: a database that stops answering (a hung server, a lost network) gets 503 once the statement timeout has passed, not a request that hangs', async () => {
    const { t, freeze, restore } = await startWithBreakableDatabase();
    const lina = await t.loginAs(demo.itStaff);
    freeze();
    const started = Date.now();
    const during = await Promise.race([t.app.inject({ method: 'GET', url: '/api/v1/me', headers: lina.headers }), sleep(20_000).then(() => null)]);
    expect(during?.statusCode).toBe(503);
    // The test database's statement timeout is 5 s; the client waits 2 s longer, then gives up.
    expect(Date.now() - started).toBeLessThan(10_000);
    await restore();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: lina.headers })).statusCode).toBe(200);
  });

  // A real dropped connection needs a socket: PGlite has none.
  it.runIf(testDatabaseKind === 'postgres')('P2: connections dropped under DingOps (as in a Postgres restart) end nothing; the pool, LISTEN and the job-lock connection come back by themselves', async () => {
    // An idle outbox worker looks again only after 10 minutes: a prompt delivery proves a NOTIFY woke it.
    const { t, cut, restore, directUrl, schema } = await startWithBreakableDatabase({ OUTBOX_WORKER: 'true', OUTBOX_POLL_MS: '600000' });
    t.app.scheduler.register({ name: 'demo.after_cut', cron: '0 2 * * *', run: async () => 'ran' });
    const zhang = await t.loginAs(demo.employee);
    expect(await t.app.scheduler.runNow('demo.after_cut')).toEqual({ ran: true, status: 'succeeded' });

    const admin = new pg.Client({ connectionString: directUrl! });
    await admin.connect();
    try {
      const cutAt = (await admin.query<{ now: Date }>('SELECT now()')).rows[0]!.now;
      cut();
      await sleep(300);
      await restore();

      const listening = async () => (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%' AND backend_start > $2`, [`dingops:${schema}`, cutAt])).rowCount;
      await waitFor(listening, 'a new LISTEN connection', 10_000);
      const delivered = t.app.outboxWorker.counters.delivered;
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: report })).statusCode).toBe(201);
      await waitFor(async () => t.app.outboxWorker.counters.delivered > delivered, 'the new ticket’s notification to be delivered', 5_000);

      expect(await t.app.scheduler.runNow('demo.after_cut')).toEqual({ ran: true, status: 'succeeded' });
      expect(failures.failures).toEqual([]);
    } finally {
      await admin.end();
    }
  });
});
