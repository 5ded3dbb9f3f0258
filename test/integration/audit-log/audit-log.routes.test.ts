import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf } from '../../support/test-app';

describe('/api/v1/audit', () => {
  it('S5: the auditor filters the trail by actor and action and pages through it newest first', async () => {
    const t = await buildTestApp();
    const auditor = await t.loginAs(demo.auditor);
    const employee = await t.loginAs(demo.employee);
    await t.loginAs(demo.employee);
    await t.loginAs(demo.employee);

    const page1 = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?actorId=${employee.userId}&action=auth.login&limit=2`, headers: auditor.headers })).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.items.every((item: { actorId: string; action: string }) => item.actorId === employee.userId && item.action === 'auth.login')).toBe(true);
    const page2 = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?actorId=${employee.userId}&action=auth.login&limit=2&cursor=${page1.nextCursor}`, headers: auditor.headers })).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const ids = [...page1.items, ...page2.items].map((item: { id: string }) => Number(item.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(page1.items[0]).toMatchObject({ sourceIp: expect.any(String), requestId: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('S5: a time range limits the trail', async () => {
    const t = await buildTestApp();
    const auditor = await t.loginAs(demo.auditor);
    const before = t.clock.now().toISOString();
    t.clock.advance(60_000);
    await t.loginAs(demo.employee);
    const from = new Date(t.clock.now().getTime() - 1).toISOString();
    const recent = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?action=auth.login&from=${from}`, headers: auditor.headers })).json();
    expect(recent.items).toHaveLength(1);
    const old = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?action=auth.login&to=${before}`, headers: auditor.headers })).json();
    expect(old.items).toHaveLength(1);
  });

  it('S5: verify walks an intact chain and says ok', async () => {
    const t = await buildTestApp();
    const auditor = await t.loginAs(demo.auditor);
    await t.loginAs(demo.employee);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: auditor.headers });
    expect(response.json()).toMatchObject({ ok: true, firstBrokenId: null });
    expect(response.json().checked).toBeGreaterThanOrEqual(3);
  });

  it('S5: a row changed behind the trigger’s back is found by verify, which names the first broken row', async () => {
    const t = await buildTestApp();
    const auditor = await t.loginAs(demo.auditor);
    await t.loginAs(demo.employee);
    const rows = await t.database.db.execute(sql`SELECT id FROM audit_log WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1`);
    const tamperedId = String((rows.rows[0] as { id: string | number }).id);
    // Only a superuser can switch triggers off; this is the attack the chain exists to reveal.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`UPDATE audit_log SET result = 'failure' WHERE id = ${tamperedId}`);
    });
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: auditor.headers });
    expect(response.json()).toMatchObject({ ok: false, firstBrokenId: tamperedId, reason: expect.stringContaining('content was changed') });
  });

  it('S4: UPDATE, DELETE and TRUNCATE on audit rows are refused by the database', async () => {
    const t = await buildTestApp();
    await t.loginAs(demo.employee);
    const refusal = async (statement: ReturnType<typeof sql>) => {
      const error = await t.database.db.execute(statement).then(() => null, (caught: Error & { cause?: Error }) => caught);
      return error?.cause?.message ?? error?.message ?? 'no error';
    };
    expect(await refusal(sql`UPDATE audit_log SET action = 'x'`)).toMatch(/append-only: UPDATE/);
    expect(await refusal(sql`DELETE FROM audit_log`)).toMatch(/append-only: DELETE/);
    expect(await refusal(sql`TRUNCATE audit_log`)).toMatch(/append-only: TRUNCATE/);
    const count = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM audit_log`);
    expect((count.rows[0] as { n: number }).n).toBeGreaterThan(0);
  });

  it('bad filters are 400s naming the field', async () => {
    const t = await buildTestApp();
    const auditor = await t.loginAs(demo.auditor);
    const badDate = await t.app.inject({ method: 'GET', url: '/api/v1/audit?from=yesterday', headers: auditor.headers });
    expect(badDate.statusCode).toBe(400);
    expect(problemOf(badDate).errors?.[0]?.path).toBe('querystring.from');
    const badCursor = await t.app.inject({ method: 'GET', url: '/api/v1/audit?cursor=WyJ4Il0', headers: auditor.headers });
    expect(problemOf(badCursor).errors?.[0]?.path).toBe('querystring.cursor');
  });

  it('S5: looking at the trail is itself recorded', async () => {
    const t = await buildTestApp();
    const auditor = await t.loginAs(demo.auditor);
    await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: auditor.headers });
    const trail = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?actorId=${auditor.userId}`, headers: auditor.headers })).json();
    expect(trail.items.map((item: { action: string }) => item.action)).toContain('audit.verified');
  });
});

describe('nightly audit verification (rule S5)', () => {
  it('S5: the scheduled job verifies the chain and records the result as a job run', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const run = await t.app.inject({ method: 'POST', url: '/api/v1/ops/jobs/audit.verify_chain/run', headers: admin.headers });
    expect(run.json()).toMatchObject({ ran: true, status: 'succeeded' });
    const runs = (await t.app.inject({ method: 'GET', url: '/api/v1/ops/job-runs?job=audit.verify_chain', headers: admin.headers })).json();
    expect(runs.items[0].result).toMatch(/^\d+ rows intact$/);
  });
});
