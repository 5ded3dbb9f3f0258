import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf } from '../../support/test-app';
import { uptimeKumaPayload, uptimeKumaTestPayload } from '../../support/uptime-kuma-payload';
import { alertmanagerPayload, cardOf, createSource, erpDown, groupsOf, notificationsOf, post } from './alerts-fixture';

describe('alert ingest: /api/v1/alerts/webhooks/*', { timeout: 90_000 }, () => {
  it('F1/F2: a critical Alertmanager alert becomes a level-1 card in IT运维值班群 that @s the on-call and pages them; resolved turns it green', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    expect(source.token).toMatch(/^dops_/);

    expect(await post(t, source.token, [erpDown('db1'), erpDown('db2')])).toEqual({ accepted: 2, groups: 1 });
    await t.drainOutbox();

    const [group] = await groupsOf(t, source.admin.headers);
    expect(group).toMatchObject({ level: 1, status: 'firing', firingCount: 2, alertCount: 2, levelReason: '默认：severity=critical', escalationStepsDone: [0] });
    const card = await cardOf(t, group!.id);
    expect(card?.cardParamMap).toMatchObject({ title: '[一级] ErpDatabaseDown', status: '未认领', level: '1' });
    expect(card?.cardParamMap.fields).toContain('默认：severity=critical');
    expect(card?.deliveries[0]?.spaceId).toBe(demoGroupIds['it-oncall']);
    expect(card?.deliveries[0]?.atNames.length).toBeGreaterThan(0);
    const { items } = await t.sandboxApi<{ items: { kind: string; outTrackId?: string }[] }>(`/conversations/${encodeURIComponent(demoGroupIds['it-oncall'])}/messages`);
    expect(items.filter((item) => item.kind === 'card' && item.outTrackId === `alert-group-${group!.id}`)).toHaveLength(1);
    const pagedName = card!.deliveries[0]!.atNames[0];
    const onCallId = Object.entries({ [demo.onCall]: '陈刚', [demo.itStaff]: '李娜', [demo.security]: '孙悦' }).find(([, name]) => name === pagedName)?.[0];
    expect((await notificationsOf(t, onCallId ?? demo.onCall)).join()).toContain('ErpDatabaseDown');

    await post(t, source.token, [{ ...erpDown('db1'), status: 'resolved' }, { ...erpDown('db2'), status: 'resolved' }]);
    await t.drainOutbox();
    const [resolved] = await groupsOf(t, source.admin.headers);
    expect(resolved).toMatchObject({ status: 'resolved', firingCount: 0 });
    const after = await cardOf(t, group!.id);
    expect(after?.cardParamMap).toMatchObject({ statusColor: 'green' });
    expect(after?.cardParamMap.status).toMatch(/^已解决（持续/);
    // As DingTalk (here the sandbox) draws it: the whole card looks resolved, header included, and still says 一级.
    expect(after?.render).toMatchObject({ statusColor: 'green', headerColor: 'green', level: 1 });
  });

  it('dedup: the same alert sent again stays one alert; a new instance joins the same group; another alertname makes another group', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    await post(t, source.token, [erpDown('db1')]);
    await post(t, source.token, [erpDown('db1')]);
    await post(t, source.token, [erpDown('db1'), erpDown('db2')]);
    await post(t, source.token, [{ labels: { alertname: 'ErpSlow', service: 'erp', instance: 'app1', severity: 'warning' } }]);
    await t.drainOutbox();
    const groups = await groupsOf(t, source.admin.headers);
    // Level 1 first, then the newer level-2 group.
    expect(groups.map((group) => [group.level, group.alertCount, group.firingCount])).toEqual([
      [1, 2, 2],
      [2, 1, 1],
    ]);
    const { items } = await t.sandboxApi<{ items: { kind: string; outTrackId?: string }[] }>(`/conversations/${encodeURIComponent(demoGroupIds['it-oncall'])}/messages`);
    expect(items.filter((item) => item.kind === 'card' && item.outTrackId === `alert-group-${groups[0]!.id}`)).toHaveLength(1);

    const first = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups?limit=1', headers: source.admin.headers })).json();
    const second = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups?limit=1&cursor=${first.nextCursor}`, headers: source.admin.headers })).json();
    expect([first.items[0].id, second.items[0].id, second.nextCursor]).toEqual([groups[0]!.id, groups[1]!.id, null]);
    const level = await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups?level=5', headers: source.admin.headers });
    expect(problemOf(level).errors?.[0]?.path).toMatch(/^querystring\.level/);
  });

  it('a level-2 group waits its group wait before its card goes out (the flush job sends it)', async () => {
    const t = await buildTestApp({ ALERTS_GROUP_WAIT_SECONDS: '30' });
    const source = await createSource(t);
    await post(t, source.token, [{ labels: { alertname: 'DiskAlmostFull', service: 'oa', instance: 'fs1', severity: 'warning' } }]);
    await t.drainOutbox();
    const [group] = await groupsOf(t, source.admin.headers);
    expect(await cardOf(t, group!.id)).toBeNull();
    t.clock.advance(31_000);
    await t.app.scheduler.runNow('alerts.flush_cards');
    await t.drainOutbox();
    expect((await cardOf(t, group!.id))?.cardParamMap.title).toBe('[二级] DiskAlmostFull');
  });

  it('flapping: more than N firing↔resolved changes in the window marks the group and damps its card updates', async () => {
    const t = await buildTestApp({ ALERTS_FLAP_THRESHOLD: '3', ALERTS_GROUP_INTERVAL_SECONDS: '0' });
    const source = await createSource(t);
    for (let round = 0; round < 3; round += 1) {
      await post(t, source.token, [erpDown('db1')]);
      await post(t, source.token, [{ ...erpDown('db1'), status: 'resolved' }]);
    }
    await post(t, source.token, [erpDown('db1')]);
    await t.drainOutbox();
    const [group] = await groupsOf(t, source.admin.headers);
    expect(group).toMatchObject({ flapping: true, status: 'firing' });
    const updatesBefore = (await cardOf(t, group!.id))!.updates.length;
    await post(t, source.token, [{ ...erpDown('db1'), status: 'resolved' }]);
    await post(t, source.token, [erpDown('db1')]);
    await t.drainOutbox();
    expect((await cardOf(t, group!.id))!.updates.length).toBe(updatesBefore);
    expect((await cardOf(t, group!.id))!.cardParamMap.markdown).toContain('抖动');
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${group!.id}`, headers: source.admin.headers })).json();
    expect(detail.timeline.map((event: { kind: string }) => event.kind)).toContain('flapping');
  });

  it('401: no token, a wrong token, a token of another kind, a rotated-out token and a disabled source are all refused; enabled again, the source is taken', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const generic = await createSource(t, 'generic');
    const body = alertmanagerPayload([erpDown()]);
    const send = (authorization?: string) => t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/alertmanager', headers: authorization ? { authorization } : {}, payload: body });
    expect((await send()).statusCode).toBe(401);
    expect(problemOf(await send('Bearer nope')).code).toBe('alerts.bad_token');
    expect((await send(`Bearer ${generic.token}`)).statusCode).toBe(401);
    expect((await send(`Bearer ${source.token}`)).statusCode).toBe(202);

    const rotated = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/sources/${source.id}/rotate`, headers: source.admin.headers });
    expect(rotated.statusCode).toBe(200);
    expect((await send(`Bearer ${source.token}`)).statusCode).toBe(401);
    expect((await send(`Bearer ${rotated.json().token}`)).statusCode).toBe(202);
    await t.app.inject({ method: 'POST', url: `/api/v1/alerts/sources/${source.id}/disable`, headers: source.admin.headers });
    expect((await send(`Bearer ${rotated.json().token}`)).statusCode).toBe(401);
    // Enabled again, it takes the token it had; an unknown source is a 404, and IT staff may not.
    const enabled = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/sources/${source.id}/enable`, headers: source.admin.headers });
    expect(enabled.json()).toMatchObject({ id: source.id, enabled: true });
    expect((await send(`Bearer ${rotated.json().token}`)).statusCode).toBe(202);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/alerts/sources/00000000-0000-4000-8000-000000000000/enable', headers: source.admin.headers })).statusCode).toBe(404);
    const lina = await t.loginAs(demo.itStaff);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/alerts/sources/${source.id}/disable`, headers: lina.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/alerts/sources/${source.id}/enable`, headers: lina.headers })).statusCode).toBe(403);

    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/sources', headers: source.admin.headers })).json();
    expect(JSON.stringify(list)).not.toContain(source.token);
    const audit = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=100', headers: source.admin.headers })).json();
    expect(audit.items.map((entry: { action: string }) => entry.action)).toEqual(expect.arrayContaining(['alerts.source_created', 'alerts.source_rotated', 'alerts.source_disabled', 'alerts.source_enabled']));
  });

  it('400: a bad payload names the field and stores nothing', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const body = alertmanagerPayload([erpDown('db1'), erpDown('db2')]);
    (body.alerts[1] as { status: string }).status = 'burning';
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/alertmanager', headers: source.bearer, payload: body });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(problemOf(response).errors)).toContain('body.alerts.1.status');
    expect(await groupsOf(t, source.admin.headers)).toEqual([]);
  });

  it('Grafana and generic JSON payloads are accepted with their own source kinds', async () => {
    const t = await buildTestApp();
    const grafana = await createSource(t, 'grafana');
    const generic = await createSource(t, 'generic');
    const grafanaBody = { ...alertmanagerPayload([{ labels: { alertname: 'HighLatency', service: 'portal', severity: 'warning' } }]), title: '[FIRING:1] HighLatency', state: 'alerting', orgId: 1 };
    grafanaBody.alerts = grafanaBody.alerts.map((alert) => ({ ...alert, values: { A: 1.8 }, valueString: '[ var=A value=1.8 ]' }));
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/grafana', headers: grafana.bearer, payload: grafanaBody })).statusCode).toBe(202);
    const script = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/generic', headers: generic.bearer, payload: { title: '备份任务失败', severity: 'info', source: 'backup.sh', labels: { service: 'backup' }, dedupKey: 'backup-nightly' } });
    expect(script.statusCode).toBe(202);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/generic', headers: generic.bearer, payload: { severity: 'info' } });
    expect(bad.statusCode).toBe(400);
    const groups = await groupsOf(t, grafana.admin.headers);
    expect(groups.map((group) => group.level).sort()).toEqual([2, 3]);
  });

  it('F1: Uptime Kuma: a monitor going down opens a group named after it (its severity tag gives the level), coming up resolves it; the Test button stores nothing', async () => {
    const t = await buildTestApp();
    const kuma = await createSource(t, 'uptime-kuma');
    const send = (payload: object, headers = kuma.bearer) => t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/uptime-kuma', headers, payload });

    const test = await send(uptimeKumaTestPayload);
    expect([test.statusCode, test.json()]).toEqual([202, { accepted: 0, groups: 0 }]);
    expect(await groupsOf(t, kuma.admin.headers)).toEqual([]);

    const down = await send(uptimeKumaPayload({ status: 0, msg: 'connect ECONNREFUSED 10.0.8.21:443' }));
    expect([down.statusCode, down.json()]).toEqual([202, { accepted: 1, groups: 1 }]);
    await t.drainOutbox();
    const [group] = await groupsOf(t, kuma.admin.headers);
    expect(group).toMatchObject({ title: 'ERP 门户', level: 1, status: 'firing', firingCount: 1, alertCount: 1, levelReason: '默认：severity=critical' });
    expect((await cardOf(t, group!.id))?.cardParamMap).toMatchObject({ title: '[一级] ERP 门户', level: '1' });
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${group!.id}`, headers: kuma.admin.headers })).json();
    expect(detail.alerts[0]).toMatchObject({ labels: { alertname: 'ERP 门户', service: 'erp', instance: 'erp.example.com' }, annotations: { summary: 'connect ECONNREFUSED 10.0.8.21:443' } });

    const up = await send(uptimeKumaPayload({ status: 1, msg: '200 - OK', time: '2026-11-28 07:59:40.000' }));
    expect([up.statusCode, up.json()]).toEqual([202, { accepted: 1, groups: 1 }]);
    await t.drainOutbox();
    expect(await groupsOf(t, kuma.admin.headers)).toMatchObject([{ id: group!.id, status: 'resolved', firingCount: 0, alertCount: 1 }]);

    // A token belongs to one kind: an Alertmanager source's token does not post as Uptime Kuma.
    const alertmanager = await createSource(t);
    expect((await send(uptimeKumaPayload({ status: 0, msg: 'x' }), alertmanager.bearer)).statusCode).toBe(401);
  });
});
