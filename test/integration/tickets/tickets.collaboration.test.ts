import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';

const slow = { timeout: 180_000 };

const vpn = { category: 'vpn', title: 'VPN 连不上', description: '在家连 VPN 提示认证失败', impact: 'team', urgency: 'medium' };

type Headers = Record<string, string>;

async function report(t: TestApp, headers: Headers, body: Record<string, unknown> = vpn) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: body });
  if (response.statusCode !== 201) throw new Error(`report failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

const post = (t: TestApp, headers: Headers, url: string, payload?: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
const detail = async (t: TestApp, headers: Headers, id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers })).json();

async function notificationsOf(t: TestApp, userId: string): Promise<string[]> {
  const { notifications } = await t.sandboxApi<{ notifications: { msg: unknown }[] }>(`/work-notifications?userId=${userId}`);
  return notifications.map((note) => JSON.stringify(note.msg));
}

async function auditCount(t: TestApp, headers: Headers, action: string, targetId: string) {
  return (await t.app.inject({ method: 'GET', url: `/api/v1/audit?action=${action}&targetId=${targetId}`, headers })).json().items.length as number;
}

describe('assigning, 同样问题 and merging tickets', () => {
  it('F4: IT transfers a ticket; the new assignee is told, the previous one learns of it, the reporter sees it in the timeline; only the assignee or an IT admin resolves it', slow, async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const lina = await t.loginAs(demo.itStaff);
    const chen = await t.loginAs(demo.onCall);
    const wang = await t.loginAs(demo.itLead);
    const ticket = await report(t, zhang.headers);
    expect((await post(t, lina.headers, `/api/v1/tickets/${ticket.id}/transitions`, { action: 'accept' })).json().assignee.name).toBe('李娜');

    // Bad input, wrong roles, not an IT person: nothing changes.
    const noId = await post(t, wang.headers, `/api/v1/tickets/${ticket.id}/assignment`, { assigneeId: 'nobody' });
    expect(problemOf(noId).errors?.map((error) => error.path)).toEqual(['body.assigneeId']);
    const notIt = await post(t, wang.headers, `/api/v1/tickets/${ticket.id}/assignment`, { assigneeId: zhang.userId });
    expect(notIt.statusCode).toBe(400);
    expect(problemOf(notIt).errors?.map((error) => error.path)).toEqual(['body.assigneeId']);
    expect((await post(t, zhang.headers, `/api/v1/tickets/${ticket.id}/assignment`, { assigneeId: chen.userId })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/assignment`, payload: { assigneeId: chen.userId } })).statusCode).toBe(401);
    expect((await detail(t, zhang.headers, ticket.id)).assignee.name).toBe('李娜');

    // 陈刚, who does not hold it, may not resolve it; his view offers no such button.
    expect((await detail(t, chen.headers, ticket.id)).allowedActions).toEqual(['cancel']);
    const notHis = await post(t, chen.headers, `/api/v1/tickets/${ticket.id}/transitions`, { action: 'resolve', resolution: '重置了密码' });
    expect(notHis.statusCode).toBe(403);
    expect(problemOf(notHis)).toMatchObject({ code: 'tickets.not_assignee', detail: expect.stringContaining('李娜') });

    const moved = await post(t, lina.headers, `/api/v1/tickets/${ticket.id}/assignment`, { assigneeId: chen.userId, note: '陈刚熟悉 VPN' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ assignee: { id: chen.userId, name: '陈刚' }, status: 'accepted' });
    const again = await post(t, lina.headers, `/api/v1/tickets/${ticket.id}/assignment`, { assigneeId: chen.userId });
    expect(again.statusCode).toBe(409);

    const timeline = (await detail(t, zhang.headers, ticket.id)).timeline;
    expect(timeline.at(-1)).toMatchObject({ kind: 'assigned', actor: { name: '李娜' }, note: '由 李娜 转派给 陈刚：陈刚熟悉 VPN' });
    await t.drainOutbox();
    expect((await notificationsOf(t, demo.onCall)).join()).toContain('转派给你的工单');
    expect((await notificationsOf(t, demo.itStaff)).join()).toContain('工单已转派给 陈刚');
    expect(await auditCount(t, wang.headers, 'tickets.assigned', ticket.id)).toBe(1);

    // Now 李娜 is the one who may not resolve; the IT admin may.
    expect((await post(t, lina.headers, `/api/v1/tickets/${ticket.id}/transitions`, { action: 'diagnose' })).statusCode).toBe(403);
    const byAdmin = await post(t, wang.headers, `/api/v1/tickets/${ticket.id}/transitions`, { action: 'resolve', resolution: '重置 VPN 令牌' });
    expect(byAdmin.json()).toMatchObject({ status: 'resolved', assignee: { name: '陈刚' } });
    await post(t, zhang.headers, `/api/v1/tickets/${ticket.id}/transitions`, { action: 'confirm' });
    expect((await post(t, wang.headers, `/api/v1/tickets/${ticket.id}/assignment`, { assigneeId: lina.userId })).statusCode).toBe(409);
  });

  it('F3/S4: 同样问题 — others who can see the ticket and have the same fault follow it, are counted once, hear of its progress, and five people make it department-wide', slow, async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const huang = await t.loginAs(demo.salesRep);
    const luo = await t.loginAs('yq-luojun');
    const wu = await t.loginAs('yq-wuqiang');
    const liu = await t.loginAs(demo.salesManager);
    const sun = await t.loginAs(demo.security);
    const zhao = await t.loginAs(demo.auditor);
    const lina = await t.loginAs(demo.itStaff);
    const ticket = await report(t, zhang.headers, { ...vpn, urgency: 'high' });
    expect(ticket).toMatchObject({ affectedCount: 1, affectedMe: false, impact: 'team', level: 2 });
    const personal = await report(t, zhang.headers, { ...vpn, title: '我的 VPN 证书过期', impact: 'self' });

    const url = `/api/v1/tickets/${ticket.id}/me-too`;
    expect((await post(t, zhang.headers, url)).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url })).statusCode).toBe(401);
    expect((await post(t, luo.headers, `/api/v1/tickets/${personal.id}/me-too`)).statusCode).toBe(404);
    expect((await post(t, luo.headers, '/api/v1/tickets/abc/me-too')).statusCode).toBe(400);

    // 骆军 is in another department: a link to the ticket opens nothing for him, 同样问题 included (rule S4).
    const unseen = async () => (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: luo.headers })).statusCode;
    expect(await unseen()).toBe(404);
    expect(problemOf(await post(t, luo.headers, url))).toMatchObject({ status: 404, code: 'tickets.not_found' });
    expect((await t.app.inject({ method: 'DELETE', url, headers: luo.headers })).statusCode).toBe(404);
    expect(await unseen()).toBe(404);
    expect((await detail(t, zhang.headers, ticket.id)).affectedCount).toBe(1);

    // 黄丽 in the same department sees it and presses it; she is counted once and follows it.
    const pressed = (await post(t, huang.headers, url)).json();
    expect(pressed).toMatchObject({ affectedCount: 2, affectedMe: true });
    const twice = await post(t, huang.headers, url);
    expect(twice.statusCode).toBe(200);
    expect(twice.json().affectedCount).toBe(2);
    expect((await detail(t, huang.headers, ticket.id)).affectedMe).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: huang.headers })).json().items.map((item: { id: string; affectedMe: boolean }) => [item.id, item.affectedMe])).toEqual([[ticket.id, true]]);
    expect((await detail(t, zhang.headers, ticket.id)).affectedMe).toBe(false);

    // Withdrawing counts down, and pressing again counts up.
    expect((await t.app.inject({ method: 'DELETE', url, headers: huang.headers })).json()).toMatchObject({ affectedCount: 1, affectedMe: false });
    expect((await t.app.inject({ method: 'DELETE', url, headers: huang.headers })).json().affectedCount).toBe(1);
    expect((await post(t, huang.headers, url)).json().affectedCount).toBe(2);

    for (const person of [wu, liu, sun]) await post(t, person.headers, url);
    const raised = (await detail(t, lina.headers, ticket.id));
    expect(raised).toMatchObject({ affectedCount: 5, impact: 'department', level: 1 });
    expect(raised.timeline.filter((event: { kind: string }) => event.kind === 'me_too').at(-1).note).toContain('5 人受影响，影响范围升为「我的部门」，级别升为一级');
    // Level 1 runs round the clock: the resolution clock was re-run from the report.
    expect(new Date(raised.resolutionDueAt).getTime() - new Date(raised.createdAt).getTime()).toBe(4 * 3600_000);

    // Followers hear of each status change, as the reporter does.
    await post(t, lina.headers, `/api/v1/tickets/${ticket.id}/transitions`, { action: 'accept' });
    await t.drainOutbox();
    for (const person of [demo.employee, 'yq-wuqiang', demo.salesRep]) expect((await notificationsOf(t, person)).join(), person).toContain('已受理');
    expect((await notificationsOf(t, demo.auditor)).join()).not.toContain(ticket.number);
    expect(zhao.userId).toBeTruthy();

    // Closed tickets take no more 同样问题.
    await post(t, lina.headers, `/api/v1/tickets/${ticket.id}/transitions`, { action: 'cancel' });
    expect((await post(t, liu.headers, url)).statusCode).toBe(409);
  });

  it('merging a duplicate: it is cancelled into the target, its people follow the target, its reporter is told; wrong merges are 409 and change nothing', slow, async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const huang = await t.loginAs(demo.salesRep);
    const wu = await t.loginAs('yq-wuqiang');
    const lina = await t.loginAs(demo.itStaff);
    const wang = await t.loginAs(demo.itLead);
    const target = await report(t, zhang.headers);
    const duplicate = await report(t, huang.headers, { ...vpn, title: 'VPN 登录失败' });
    await post(t, wu.headers, `/api/v1/tickets/${duplicate.id}/me-too`);
    const closed = await report(t, huang.headers, { ...vpn, title: '已撤销的' });
    await post(t, huang.headers, `/api/v1/tickets/${closed.id}/transitions`, { action: 'cancel' });

    const url = `/api/v1/tickets/${duplicate.id}/merge`;
    expect(problemOf(await post(t, lina.headers, url, { intoTicketId: 'x' })).errors?.map((error) => error.path)).toEqual(['body.intoTicketId']);
    expect((await post(t, huang.headers, url, { intoTicketId: target.id })).statusCode).toBe(403);
    expect((await post(t, lina.headers, url, { intoTicketId: duplicate.id })).statusCode).toBe(409);
    expect((await post(t, lina.headers, url, { intoTicketId: closed.id })).statusCode).toBe(409);
    expect((await post(t, lina.headers, url, { intoTicketId: '999999' })).statusCode).toBe(404);
    expect((await detail(t, lina.headers, duplicate.id)).status).toBe('reported');

    const merged = await post(t, lina.headers, url, { intoTicketId: target.id, note: '同一台 VPN 网关' });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().duplicate).toMatchObject({ status: 'cancelled', mergedInto: { id: target.id, number: target.number } });
    expect(merged.json().target.affectedCount).toBe(3);
    expect((await post(t, lina.headers, url, { intoTicketId: target.id })).statusCode).toBe(409);

    const targetView = await detail(t, huang.headers, target.id);
    expect(targetView.affectedMe).toBe(true);
    expect(targetView.timeline.at(-1)).toMatchObject({ kind: 'merged', note: `${duplicate.number} 合并进来（新增 2 人受影响）；同一台 VPN 网关` });
    expect((await detail(t, wu.headers, target.id)).affectedMe).toBe(true);
    expect((await detail(t, huang.headers, duplicate.id)).timeline.at(-1)).toMatchObject({ kind: 'merged', toStatus: 'cancelled', note: `与 ${target.number} 重复，已合并；同一台 VPN 网关` });
    // 黄丽's and 吴强's “mine” now holds the target too.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: wu.headers })).json().items.map((item: { id: string }) => item.id)).toContain(target.id);

    await t.drainOutbox();
    expect((await notificationsOf(t, demo.salesRep)).join()).toContain(`已合并到该工单`);
    expect((await notificationsOf(t, demo.salesRep)).join()).toContain(target.number);
    expect(await auditCount(t, wang.headers, 'tickets.merged', duplicate.id)).toBe(1);
  });
});
