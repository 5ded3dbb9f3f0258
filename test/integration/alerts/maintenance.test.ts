import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';
import { cardOf, createSource, erpDown, groupsOf, post } from './alerts-fixture';

const url = '/api/v1/alerts/maintenance-windows';
/** The test clock starts at Saturday 2026-11-28 08:00 UTC. */
const erpUpgrade = { title: 'ERP 数据库升级', matchers: [{ name: 'service', op: '=', value: 'erp' }], startsAt: '2026-11-28T07:30:00Z', endsAt: '2026-11-28T09:30:00Z' };

async function timelineOf(t: TestApp, headers: Record<string, string>, id: string) {
  return ((await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${id}`, headers })).json() as { timeline: { kind: string; note: string | null }[] }).timeline;
}

async function windowsOf(t: TestApp, headers: Record<string, string>) {
  const response = await t.app.inject({ method: 'GET', url, headers });
  expect(response.statusCode).toBe(200);
  return (response.json() as { items: { id: string; title: string; openNow: boolean; currentEndsAt: string | null; nextStartsAt: string | null }[] }).items;
}

describe('maintenance windows (维护窗口, rules M1, M2)', { timeout: 60_000 }, () => {
  it('IT admins plan, change and cancel windows; IT staff read them; bad bodies name the field; every change is audited', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const lina = await t.loginAs(demo.itStaff);
    const zhang = await t.loginAs(demo.employee);

    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url, headers: zhang.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, headers: lina.headers, payload: erpUpgrade })).statusCode).toBe(403);

    const backwards = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: { ...erpUpgrade, endsAt: '2026-11-28T07:00:00Z' } });
    expect(backwards.statusCode).toBe(400);
    expect(problemOf(backwards).errors?.[0]?.path).toBe('body.endsAt');
    const tooLong = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: { ...erpUpgrade, endsAt: '2026-12-06T09:30:00Z' } });
    expect(problemOf(tooLong).errors?.[0]?.path).toBe('body.endsAt');
    const badRegex = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: { ...erpUpgrade, matchers: [{ name: 'service', op: '=~', value: '(' }] } });
    expect(problemOf(badRegex).errors?.[0]?.path).toBe('body.matchers.0.value');
    const over = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: { ...erpUpgrade, startsAt: '2026-11-27T07:00:00Z', endsAt: '2026-11-27T09:00:00Z' } });
    expect(problemOf(over).errors?.[0]?.path).toBe('body.endsAt');

    const created = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: { ...erpUpgrade, maintenancePlanId: 'plan-erp-2026-q4' } });
    expect(created.statusCode).toBe(201);
    const window = created.json() as { id: string };
    expect(created.json()).toMatchObject({ title: 'ERP 数据库升级', recurrence: 'none', maintenancePlanId: 'plan-erp-2026-q4', createdBy: expect.any(String), openNow: true, currentEndsAt: '2026-11-28T09:30:00.000Z', nextStartsAt: null });
    const later = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: { ...erpUpgrade, title: '机房巡检', startsAt: '2026-11-29T01:00:00Z', endsAt: '2026-11-29T03:00:00Z' } });
    expect(later.statusCode).toBe(201);
    expect((await windowsOf(t, lina.headers)).map((item) => [item.title, item.openNow, item.nextStartsAt])).toEqual([
      ['ERP 数据库升级', true, null],
      ['机房巡检', false, '2026-11-29T01:00:00.000Z'],
    ]);

    const changed = await t.app.inject({ method: 'PUT', url: `${url}/${window.id}`, headers: admin.headers, payload: { ...erpUpgrade, endsAt: '2026-11-28T11:00:00Z' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ currentEndsAt: '2026-11-28T11:00:00.000Z' });
    const missing = await t.app.inject({ method: 'PUT', url: `${url}/00000000-0000-4000-8000-000000000000`, headers: admin.headers, payload: erpUpgrade });
    expect(missing.statusCode).toBe(404);
    expect(problemOf(missing).code).toBe('alerts.maintenance_window_not_found');

    expect((await t.app.inject({ method: 'DELETE', url: `${url}/${window.id}`, headers: lina.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `${url}/${window.id}`, headers: admin.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `${url}/${window.id}`, headers: admin.headers })).statusCode).toBe(404);
    expect((await windowsOf(t, lina.headers)).map((item) => item.title)).toEqual(['机房巡检']);

    const audit = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=50', headers: admin.headers })).json() as { items: { action: string }[] };
    expect(audit.items.map((entry) => entry.action)).toEqual(expect.arrayContaining(['alerts.maintenance_window_created', 'alerts.maintenance_window_updated', 'alerts.maintenance_window_cancelled']));
  });

  it('M2: an alert inside an open window is recorded but muted — no card, no page — and the timeline names the window once; one outside it gets its card', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    expect((await t.app.inject({ method: 'POST', url, headers: source.admin.headers, payload: erpUpgrade })).statusCode).toBe(201);

    await post(t, source.token, [erpDown('db1'), { labels: { alertname: 'OaDown', service: 'oa', instance: 'oa1', severity: 'critical' } }]);
    await post(t, source.token, [erpDown('db1'), erpDown('db2')]);
    await t.drainOutbox();
    const groups = await groupsOf(t, source.admin.headers);
    const erp = groups.find((group) => group.levelReason && group.firingCount === 2)!;
    const oa = groups.find((group) => group.id !== erp.id)!;
    expect(erp).toMatchObject({ level: 1, suppressed: true, escalationStepsDone: [] });
    expect(oa).toMatchObject({ level: 1, suppressed: false });

    expect(await cardOf(t, erp.id)).toBeNull();
    expect((await cardOf(t, oa.id))?.deliveries[0]?.spaceId).toBe(demoGroupIds['it-oncall']);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${erp.id}`, headers: source.admin.headers })).json() as { alerts: { silenced: boolean }[] };
    expect(detail.alerts.map((alert) => alert.silenced)).toEqual([true, true]);
    const notes = (await timelineOf(t, source.admin.headers, erp.id)).filter((event) => event.kind === 'maintenance');
    expect(notes.map((event) => event.note)).toEqual(['维护窗口：ERP 数据库升级']);

    // After the window the same alert pages again.
    t.clock.advance(2 * 3_600_000);
    await post(t, source.token, [erpDown('db1'), erpDown('db2')]);
    await t.drainOutbox();
    expect((await groupsOf(t, source.admin.headers)).find((group) => group.id === erp.id)).toMatchObject({ suppressed: false });
    expect(await cardOf(t, erp.id)).not.toBeNull();
  });

  it('a weekly window is closed between occurrences and opens again next week', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const weekly = { ...erpUpgrade, title: '每周 ERP 备份', startsAt: '2026-11-28T09:00:00Z', endsAt: '2026-11-28T10:00:00Z', recurrence: 'weekly', repeatUntil: '2026-12-31T00:00:00Z' };
    const created = await t.app.inject({ method: 'POST', url, headers: source.admin.headers, payload: weekly });
    expect(created.json()).toMatchObject({ openNow: false, nextStartsAt: '2026-11-28T09:00:00.000Z', recurrence: 'weekly' });

    t.clock.advance(26 * 3_600_000); // Sunday 10:00: between occurrences
    expect((await windowsOf(t, source.admin.headers))[0]).toMatchObject({ openNow: false, nextStartsAt: '2026-12-05T09:00:00.000Z' });
    await post(t, source.token, [erpDown('db1')]);
    expect((await groupsOf(t, source.admin.headers))[0]).toMatchObject({ suppressed: false });
    await post(t, source.token, [{ ...erpDown('db1'), status: 'resolved' }]);

    t.clock.advance(6 * 86_400_000 - 30 * 60_000); // Saturday 2026-12-05 09:30: the next occurrence
    expect((await windowsOf(t, source.admin.headers))[0]).toMatchObject({ openNow: true, currentEndsAt: '2026-12-05T10:00:00.000Z', nextStartsAt: '2026-12-12T09:00:00.000Z' });
    await post(t, source.token, [erpDown('db3')]);
    const [group] = await groupsOf(t, source.admin.headers);
    expect(group).toMatchObject({ status: 'firing', suppressed: true });
    expect((await timelineOf(t, source.admin.headers, group!.id)).filter((event) => event.kind === 'maintenance')).toHaveLength(1);
  });
});
