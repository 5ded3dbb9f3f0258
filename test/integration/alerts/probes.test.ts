import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { createProbesRepository } from '../../../server/src/modules/alerts/probes/probes.repository';
import { runCheck } from '../../../server/src/modules/alerts/probes/probes.runner';
import { alertProbeResults } from '../../../server/src/modules/alerts/probes/probes.table';
import { createProbesService } from '../../../server/src/modules/alerts/probes/probes.service';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';
import { cardOf, groupsOf } from './alerts-fixture';

/** A loopback HTTP server whose answer the test sets: status code and delay before the headers. */
async function startTarget() {
  const answer = { status: 200, delayMs: 0 };
  const server: Server = createServer((_request, response) => {
    setTimeout(() => response.writeHead(answer.status, { 'content-type': 'text/plain' }).end('ok'), answer.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return { answer, port, url: `http://127.0.0.1:${port}/health` };
}
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// The test drives the probe job itself, by the app's clock.
const start = () => buildTestApp({ SCHEDULER_ENABLED: 'false' });

async function createProbe(t: TestApp, headers: Record<string, string>, body: Record<string, unknown>) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/probes', headers, payload: { intervalSeconds: 10, failuresToAlert: 2, ...body } });
  if (response.statusCode !== 201) throw new Error(`probe create failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string; name: string; target: string };
}

/** One run of the scheduled job, as the scheduler runs it; then the clock moves past the interval. */
async function runJob(t: TestApp) {
  expect(await t.app.scheduler.runNow('alerts.probes')).toEqual({ ran: true, status: 'succeeded' });
  t.clock.advance(10_000);
}

async function groupDetail(t: TestApp, headers: Record<string, string>, id: string) {
  return (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${id}`, headers })).json() as { title: string; status: string; level: number; alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string> }[] };
}

describe('built-in probes: /api/v1/alerts/probes (rule F1 built-in monitoring)', { timeout: 90_000 }, () => {
  it('F1: every route answers for its roles, names the field at fault, 404s unknown probes, and audits each change', async () => {
    const t = await start();
    const target = await startTarget();
    const [admin, staff, employee] = await Promise.all([t.loginAs(demo.itLead), t.loginAs(demo.itStaff), t.loginAs(demo.employee)]);
    const url = '/api/v1/alerts/probes';

    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url, headers: employee.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, headers: staff.headers, payload: { name: 'x', kind: 'tcp', target: 'a:1' } })).statusCode).toBe(403);

    const invalid = async (payload: Record<string, unknown>) => problemOf(await t.app.inject({ method: 'POST', url, headers: admin.headers, payload })).errors?.map((error) => error.path);
    expect(await invalid({ name: '官网', kind: 'http', target: 'ftp://example.com' })).toEqual(['body.target']);
    expect(await invalid({ name: 'DB', kind: 'tcp', target: 'db.internal' })).toEqual(['body.target']);
    expect(await invalid({ name: '官网', kind: 'http', target: target.url, expectedStatus: '200-' })).toEqual(['body.expectedStatus']);
    expect(await invalid({ name: '官网', kind: 'http', target: target.url, intervalSeconds: 5 })).toEqual(['body.intervalSeconds']);
    expect(await invalid({ name: '官网', kind: 'http', target: target.url, timeoutMs: 1000, slowMs: 1000 })).toEqual(['body.slowMs']);
    expect(await invalid({ name: '官网', kind: 'http', target: target.url, labels: { alertname: 'x' } })).toEqual(['body.labels.alertname']);

    const probe = await createProbe(t, admin.headers, { name: '官网', kind: 'http', target: target.url, labels: { service: 'website' } });
    const duplicate = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: { name: '官网', kind: 'tcp', target: `127.0.0.1:${target.port}` } });
    expect(problemOf(duplicate)).toMatchObject({ status: 409, code: 'alerts.probe_name_taken' });

    const list = (await t.app.inject({ method: 'GET', url, headers: staff.headers })).json();
    expect(list.items).toMatchObject([{ id: probe.id, name: '官网', kind: 'http', method: 'GET', expectedStatus: '200-399', alertState: 'ok', lastOutcome: null, upPercent24h: null, createdBy: '王磊' }]);

    const missing = '00000000-0000-4000-8000-000000000000';
    expect(problemOf(await t.app.inject({ method: 'PUT', url: `${url}/${missing}`, headers: admin.headers, payload: { name: 'x', kind: 'tcp', target: 'a:1' } })).code).toBe('alerts.probe_not_found');
    expect((await t.app.inject({ method: 'POST', url: `${url}/${missing}/run`, headers: staff.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${url}/${missing}/results`, headers: staff.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PUT', url: `${url}/${probe.id}`, headers: staff.headers, payload: { name: 'x', kind: 'tcp', target: 'a:1' } })).statusCode).toBe(403);

    const updated = await t.app.inject({ method: 'PUT', url: `${url}/${probe.id}`, headers: admin.headers, payload: { name: '官网首页', kind: 'http', target: target.url, method: 'HEAD', expectedStatus: '200-299,301', slowMs: 500 } });
    expect(updated.json()).toMatchObject({ name: '官网首页', method: 'HEAD', expectedStatus: '200-299,301', slowMs: 500 });

    const run = await t.app.inject({ method: 'POST', url: `${url}/${probe.id}/run`, headers: staff.headers });
    expect(run.json()).toMatchObject({ result: { outcome: 'up', statusCode: 200, error: null }, probe: { lastOutcome: 'up', alertState: 'ok' } });
    expect(run.json().result.responseMs).toBeGreaterThanOrEqual(0);

    expect(problemOf(await t.app.inject({ method: 'GET', url: `${url}/${probe.id}/results?hours=0`, headers: staff.headers })).errors?.[0]?.path).toMatch(/^querystring\.hours/);
    const results = (await t.app.inject({ method: 'GET', url: `${url}/${probe.id}/results?hours=24`, headers: staff.headers })).json();
    expect(results.items).toMatchObject([{ outcome: 'up', statusCode: 200 }]);
    expect(results.summary).toMatchObject({ count: 1, upPercent: 100, from: '2026-11-27T08:00:00.000Z', to: '2026-11-28T08:00:00.000Z' });
    expect((await t.app.inject({ method: 'GET', url, headers: staff.headers })).json().items[0].upPercent24h).toBe(100);

    expect((await t.app.inject({ method: 'DELETE', url: `${url}/${probe.id}`, headers: staff.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `${url}/${probe.id}`, headers: admin.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `${url}/${probe.id}`, headers: admin.headers })).statusCode).toBe(404);
    expect(await t.database.db.select().from(alertProbeResults).where(eq(alertProbeResults.probeId, probe.id))).toEqual([]);

    const audit = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=50', headers: admin.headers })).json();
    expect(audit.items.map((entry: { action: string }) => entry.action)).toEqual(expect.arrayContaining(['alerts.probe_created', 'alerts.probe_updated', 'alerts.probe_run', 'alerts.probe_deleted']));
  });

  it('F1: 200 then 500 twice raises a level-1 ProbeDown card in IT运维值班群; one 200 resolves it; response times are recorded', async () => {
    const t = await start();
    const target = await startTarget();
    const admin = await t.loginAs(demo.itLead);
    const probe = await createProbe(t, admin.headers, { name: '官网', kind: 'http', target: target.url, labels: { service: 'website' } });

    await runJob(t);
    target.answer.status = 500;
    await runJob(t);
    expect(await groupsOf(t, admin.headers)).toEqual([]);
    await runJob(t);
    await t.drainOutbox();

    const [group] = await groupsOf(t, admin.headers);
    expect(group).toMatchObject({ level: 1, status: 'firing', firingCount: 1 });
    const detail = await groupDetail(t, admin.headers, group!.id);
    expect(detail.title).toBe('ProbeDown');
    expect(detail.alerts[0]?.labels).toEqual({ alertname: 'ProbeDown', probe: '官网', instance: target.url, severity: 'critical', service: 'website' });
    expect(detail.alerts[0]?.annotations.summary).toBe('探测 官网 无法访问：状态码 500');
    expect(detail.alerts[0]?.annotations.value).toMatch(/^\d+ ms$/);
    const card = await cardOf(t, group!.id);
    expect(card?.deliveries[0]?.spaceId).toBe(demoGroupIds['it-oncall']);
    expect(card?.cardParamMap.title).toBe('[一级] ProbeDown');

    // Still down: no second alert, no second card.
    await runJob(t);
    expect(await groupsOf(t, admin.headers)).toHaveLength(1);

    target.answer.status = 200;
    await runJob(t);
    await t.drainOutbox();
    expect(await groupsOf(t, admin.headers)).toMatchObject([{ id: group!.id, status: 'resolved', firingCount: 0 }]);

    const results = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/probes/${probe.id}/results?hours=1`, headers: admin.headers })).json();
    expect(results.items.map((item: { outcome: string }) => item.outcome)).toEqual(['up', 'down', 'down', 'down', 'up']);
    expect(results.summary).toMatchObject({ count: 5, upPercent: 40 });
    expect(results.summary.p95Ms).toBeGreaterThanOrEqual(results.summary.p50Ms);
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/dingops_probe_checks_total\{kind="http",outcome="down"\} 3/);
  });

  it('F1: answers slower than slowMs raise a level-2 ProbeSlow; going down replaces it with ProbeDown', async () => {
    const t = await start();
    const target = await startTarget();
    const admin = await t.loginAs(demo.itLead);
    await createProbe(t, admin.headers, { name: '慢接口', kind: 'http', target: target.url, slowMs: 100, timeoutMs: 2000, failuresToAlert: 1 });

    target.answer.delayMs = 250;
    await runJob(t);
    expect(await groupsOf(t, admin.headers)).toMatchObject([{ level: 2, status: 'firing' }]);
    const [slow] = await groupsOf(t, admin.headers);
    expect((await groupDetail(t, admin.headers, slow!.id)).alerts[0]?.annotations.summary).toMatch(/^探测 慢接口 响应慢：响应 \d+ ms，超过 100 ms$/);

    target.answer.delayMs = 0;
    target.answer.status = 503;
    await runJob(t);
    const groups = await groupsOf(t, admin.headers);
    expect(groups.map((group) => [group.level, group.status])).toEqual([
      [1, 'firing'],
      [2, 'resolved'],
    ]);
  });

  it('F1: a TCP connect to a closed port is down; deleting the probe resolves its alert; an open port is up', async () => {
    const t = await start();
    const target = await startTarget();
    const admin = await t.loginAs(demo.itLead);
    const closed = await createProbe(t, admin.headers, { name: '数据库端口', kind: 'tcp', target: `127.0.0.1:${await closedPort()}`, failuresToAlert: 1 });
    const open = await createProbe(t, admin.headers, { name: '网关端口', kind: 'tcp', target: `127.0.0.1:${target.port}` });

    await runJob(t);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/probes', headers: admin.headers })).json().items as { id: string; lastOutcome: string; lastError: string | null; alertState: string }[];
    expect(list.find((probe) => probe.id === closed.id)).toMatchObject({ lastOutcome: 'down', lastError: '连接被拒绝', alertState: 'down' });
    expect(list.find((probe) => probe.id === open.id)).toMatchObject({ lastOutcome: 'up', lastError: null, alertState: 'ok' });
    const [group] = await groupsOf(t, admin.headers);
    expect(group).toMatchObject({ level: 1, status: 'firing' });

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/alerts/probes/${closed.id}`, headers: admin.headers })).statusCode).toBe(204);
    expect(await groupsOf(t, admin.headers)).toMatchObject([{ id: group!.id, status: 'resolved' }]);
  });

  it('F1: a long window is thinned to the worst check per time slice; results older than 30 days are pruned by the job', async () => {
    const t = await start();
    const admin = await t.loginAs(demo.itLead);
    const probe = await createProbe(t, admin.headers, { name: '内网', kind: 'tcp', target: `127.0.0.1:${await closedPort()}`, enabled: false });
    const now = t.clock.now().getTime();
    const rows = Array.from({ length: 1500 }, (_, index) => ({ probeId: probe.id, at: new Date(now - (index + 1) * 50_000), outcome: index === 700 ? ('down' as const) : ('up' as const), responseMs: index === 700 ? null : 10 + (index % 7) }));
    rows.push({ probeId: probe.id, at: new Date(now - 31 * 86_400_000), outcome: 'up', responseMs: 5 });
    await t.database.db.insert(alertProbeResults).values(rows);

    const page = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/probes/${probe.id}/results?hours=24`, headers: admin.headers })).json() as { items: { at: string; outcome: string }[]; summary: Record<string, unknown> };
    expect(page.summary).toMatchObject({ count: 1500, upPercent: 99.93, p50Ms: 13, p95Ms: 16 });
    expect(page.items.length).toBeLessThanOrEqual(1000);
    expect(page.items.filter((item) => item.outcome === 'down')).toHaveLength(1);
    expect(page.items.map((item) => item.at)).toEqual(page.items.map((item) => item.at).sort());

    await runJob(t);
    expect(await t.database.db.select().from(alertProbeResults).where(eq(alertProbeResults.probeId, probe.id))).toHaveLength(1500);
  });

  it('F1: two job runs at once (two instances) check each due probe once, claimed with FOR UPDATE SKIP LOCKED', async () => {
    const t = await start();
    const target = await startTarget();
    const admin = await t.loginAs(demo.itLead);
    for (const name of ['甲', '乙', '丙']) await createProbe(t, admin.headers, { name, kind: 'http', target: target.url });

    const repo = createProbesRepository({ db: t.database.db });
    expect(repo.claimDue(t.clock.now(), 10).toSQL().sql).toMatch(/for update skip locked/i);
    const instance = () =>
      createProbesService({
        db: t.database.db,
        repo,
        audit: t.app.audit,
        ingest: async () => undefined,
        runner: runCheck,
        clock: () => t.clock.now(),
        log: t.app.log,
        settings: { tokenAlgorithm: 'aes-256-gcm', concurrency: 2, claimLimit: 10, retentionDays: 30, pruneLimit: 100 },
        onCheck: () => undefined,
      });
    const runs = await Promise.all([instance().runDue(), instance().runDue()]);
    expect(runs.reduce((sum, run) => sum + run.checked, 0)).toBe(3);
    // Nothing is due again until the interval has passed.
    expect((await instance().runDue()).checked).toBe(0);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/probes', headers: admin.headers })).json().items as { lastOutcome: string; nextRunAt: string }[];
    expect(list.map((probe) => [probe.lastOutcome, probe.nextRunAt])).toEqual(Array(3).fill(['up', '2026-11-28T08:00:10.000Z']));
  });
});
