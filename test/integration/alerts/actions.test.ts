import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';
import { cardOf, createSource, erpDown, groupsOf, post } from './alerts-fixture';

async function press(t: TestApp, groupId: string, userId: string, action: string) {
  await t.sandboxApi(`/cards/alert-group-${groupId}/click`, { method: 'POST', body: { userId, action } });
  await waitFor(async () => (await t.app.inbox.runOnce()) > 0, 'the card press');
  await t.drainOutbox();
}

async function auditActions(t: TestApp, headers: Record<string, string>) {
  const audit = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=100', headers })).json();
  return audit.items as { action: string; result: string; actorName: string }[];
}

describe('alert group actions: card buttons and /api/v1/alerts/groups/:id/actions', { timeout: 90_000 }, () => {
  it('F4: 陈刚 presses 认领 on the card; the group is his, escalation stops, the card says 已认领：陈刚; the press is audited', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    await t.app.inbox.whenConnected();
    await t.loginAs(demo.onCall);
    const source = await createSource(t);
    await post(t, source.token, [erpDown()]);
    await t.drainOutbox();
    const [group] = await groupsOf(t, source.admin.headers);

    await press(t, group!.id, demo.onCall, 'acknowledge');

    const [after] = await groupsOf(t, source.admin.headers);
    expect(after).toMatchObject({ status: 'acknowledged', acknowledgedBy: '陈刚' });
    const card = await cardOf(t, group!.id);
    expect(card?.cardParamMap).toMatchObject({ status: '已认领：陈刚', statusColor: 'blue' });
    expect(JSON.parse(card!.cardParamMap.buttons!).find((button: { id: string }) => button.id === 'acknowledge')).toMatchObject({ disabled: true });
    expect((await auditActions(t, source.admin.headers)).map((entry) => entry.action)).toContain('alerts.group_acknowledge');
    t.clock.advance(20 * 60_000);
    await t.app.scheduler.runNow('alerts.escalate');
    expect((await groupsOf(t, source.admin.headers))[0]!.escalationStepsDone).toEqual([0]);
  });

  it('S4: a press from someone outside IT is refused and audited; the group and its card stay as they were', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    await t.app.inbox.whenConnected();
    const source = await createSource(t);
    // 孙悦 sits in the IT group, but her IT role was taken away.
    const sunyue = await t.loginAs(demo.security);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/users/${sunyue.userId}/roles`, headers: source.admin.headers, payload: { roles: [] } })).statusCode).toBe(200);
    await post(t, source.token, [erpDown()]);
    await t.drainOutbox();
    const [group] = await groupsOf(t, source.admin.headers);
    const before = await cardOf(t, group!.id);

    await press(t, group!.id, demo.security, 'resolve');

    expect((await groupsOf(t, source.admin.headers))[0]).toMatchObject({ status: 'firing' });
    const after = await cardOf(t, group!.id);
    expect(after?.cardParamMap).toEqual(before?.cardParamMap);
    expect(after?.updates).toHaveLength(before!.updates.length);
    expect(await auditActions(t, source.admin.headers)).toContainEqual(expect.objectContaining({ action: 'alerts.card_press', result: 'denied' }));
  });

  it('解决 by hand resolves the group and its alerts; the card turns green', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    await t.app.inbox.whenConnected();
    await t.loginAs(demo.itStaff);
    const source = await createSource(t);
    await post(t, source.token, [erpDown('db1'), erpDown('db2')]);
    await t.drainOutbox();
    const [group] = await groupsOf(t, source.admin.headers);
    t.clock.advance(7 * 60_000);
    await press(t, group!.id, demo.itStaff, 'resolve');
    expect((await groupsOf(t, source.admin.headers))[0]).toMatchObject({ status: 'resolved', firingCount: 0 });
    expect((await cardOf(t, group!.id))?.cardParamMap).toMatchObject({ status: '已手动解决（持续 7 分钟）', statusColor: 'green' });
  });

  it('静默1小时 silences the group: further alerts are recorded but nobody is paged; the silence is listed', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const lina = await t.loginAs(demo.itStaff);
    await post(t, source.token, [erpDown('db1')]);
    const [group] = await groupsOf(t, source.admin.headers);
    const silenced = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/groups/${group!.id}/actions`, headers: lina.headers, payload: { action: 'silence_1h' } });
    expect(silenced.json()).toMatchObject({ suppressed: true });
    const silences = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/silences', headers: lina.headers })).json();
    expect(silences.items[0]).toMatchObject({ active: true, createdBy: '李娜', matchers: expect.arrayContaining([{ name: 'alertname', op: '=', value: 'ErpDatabaseDown' }]) });
    await post(t, source.token, [erpDown('db1'), erpDown('db3')]);
    const [after] = await groupsOf(t, source.admin.headers);
    expect(after).toMatchObject({ suppressed: true, alertCount: 2, firingCount: 2 });
  });

  it('升级 raises a level-2 group to level 1 and says so; 创建工单 links a fault ticket on the card', async () => {
    const t = await buildTestApp({ ALERTS_GROUP_WAIT_SECONDS: '0' });
    const source = await createSource(t);
    const lina = await t.loginAs(demo.itStaff);
    await post(t, source.token, [{ labels: { alertname: 'ErpSlow', service: 'erp', instance: 'app1', severity: 'warning' } }]);
    await t.drainOutbox();
    const [group] = await groupsOf(t, source.admin.headers);
    const act = (action: string) => t.app.inject({ method: 'POST', url: `/api/v1/alerts/groups/${group!.id}/actions`, headers: lina.headers, payload: { action } });

    expect((await act('escalate')).json()).toMatchObject({ level: 1, levelReason: '一级：李娜 手动升级（原二级）' });
    expect(problemOf(await act('escalate')).code).toBe('alerts.action_not_applicable');
    const ticket = await act('create_ticket');
    expect(ticket.statusCode).toBe(200);
    expect(ticket.json().ticketId).toMatch(/^\d+$/);
    await t.drainOutbox();
    const card = await cardOf(t, group!.id);
    expect(card?.cardParamMap.title).toBe('[一级] ErpSlow');
    expect(card?.cardParamMap.markdown).toContain('已创建工单');
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${group!.id}`, headers: lina.headers })).json();
    expect(detail.timeline.map((event: { kind: string }) => event.kind)).toEqual(['opened', 'escalate', 'create_ticket']);
    expect(detail.alerts).toHaveLength(1);
  });

  it('REST actions: 400 names the field, 404 for an unknown group, 403 for an employee, 409 when it does not apply', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const lina = await t.loginAs(demo.itStaff);
    const zhang = await t.loginAs(demo.employee);
    await post(t, source.token, [erpDown()]);
    const [group] = await groupsOf(t, source.admin.headers);
    const url = `/api/v1/alerts/groups/${group!.id}/actions`;
    const bad = await t.app.inject({ method: 'POST', url, headers: lina.headers, payload: { action: 'explode' } });
    expect(problemOf(bad).errors?.[0]?.path).toBe('body.action');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/alerts/groups/999999/actions', headers: lina.headers, payload: { action: 'resolve' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url, headers: zhang.headers, payload: { action: 'resolve' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, payload: { action: 'resolve' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url, headers: lina.headers, payload: { action: 'resolve' } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url, headers: lina.headers, payload: { action: 'acknowledge' } })).statusCode).toBe(409);
    const page = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups?status=open&level=1', headers: lina.headers })).json();
    expect(page.items).toEqual([]);
  });
});
