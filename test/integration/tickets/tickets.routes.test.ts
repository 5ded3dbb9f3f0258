import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { demo } from '../../support/demo-people';
import { waitFor } from '../../support/wait';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';

const projector = {
  category: 'meeting_room',
  title: '会议室投影仪没有信号',
  description: '3 楼大会议室投影仪接 HDMI 后显示无信号',
  steps: '开机 → 接上 HDMI → 切换信号源',
  impact: 'team',
  urgency: 'medium',
};

async function report(t: TestApp, headers: Record<string, string>, body: Record<string, unknown> = projector) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: body });
  if (response.statusCode !== 201) throw new Error(`report failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

const act = (t: TestApp, headers: Record<string, string>, id: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/transitions`, headers, payload });

async function notificationsOf(t: TestApp, userId: string): Promise<string[]> {
  const { notifications } = await t.sandboxApi<{ notifications: { msg: unknown }[] }>(`/work-notifications?userId=${userId}`);
  return notifications.map((note) => JSON.stringify(note.msg));
}


describe('/api/v1/tickets', () => {
  it('R5/F3: an employee reports a fault; it gets a number, a suggested level and SLA clocks, the reporter is told and IT gets a card', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const ticket = await report(t, zhang.headers);
    expect(ticket).toMatchObject({ number: expect.stringMatching(/^GZ-\d{6}$/), level: 2, status: 'reported', source: 'miniapp', reporter: { name: '张伟', department: '销售部' }, assignee: null, responseSla: 'ok', allowedActions: ['cancel'] });
    expect(new Date(ticket.responseDueAt).getTime()).toBeGreaterThan(new Date(ticket.createdAt).getTime());

    await t.drainOutbox();
    expect((await notificationsOf(t, demo.employee)).join()).toContain(ticket.number);
    const { items } = await t.sandboxApi<{ items: { kind: string; outTrackId?: string }[] }>(`/conversations/${encodeURIComponent(demoGroupIds['it-oncall'])}/messages`);
    expect(items.filter((item) => item.kind === 'card').map((item) => item.outTrackId)).toContain(`ticket-${ticket.id}`);
  });

  it('F2: a company-wide urgent fault is level 1 with a 15-minute response clock round the clock', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const ticket = await report(t, zhang.headers, { ...projector, title: '钉钉全员无法登录', category: 'dingtalk', impact: 'company', urgency: 'high' });
    expect(ticket.level).toBe(1);
    expect(new Date(ticket.responseDueAt).getTime() - new Date(ticket.createdAt).getTime()).toBe(15 * 60_000);
  });

  it('a report without a description is a 400 that names body.description, and nothing is stored', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: { ...projector, description: '' } });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.map((error) => error.path)).toEqual(['body.description']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: zhang.headers })).json().items).toEqual([]);
  });

  it('F4–F6: IT accepts, diagnoses and resolves with cause and result; the reporter confirms; every step is in the timeline and the reporter hears of each', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const lina = await t.loginAs(demo.itStaff);
    const ticket = await report(t, zhang.headers);

    const accepted = (await act(t, lina.headers, ticket.id, { action: 'accept' })).json();
    expect(accepted).toMatchObject({ status: 'accepted', assignee: { name: '李娜' }, responseSla: 'met' });
    expect((await act(t, lina.headers, ticket.id, { action: 'diagnose', note: '检查转接头' })).json().status).toBe('diagnosing');
    const resolved = (await act(t, lina.headers, ticket.id, { action: 'resolve', cause: 'HDMI 转接头损坏', resolution: '更换 HDMI 转接头' })).json();
    expect(resolved).toMatchObject({ status: 'resolved', cause: 'HDMI 转接头损坏', resolution: '更换 HDMI 转接头', resolutionSla: 'met' });
    const zhangView = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: zhang.headers })).json();
    expect(zhangView.allowedActions).toEqual(['confirm', 'reopen']);
    expect((await act(t, zhang.headers, ticket.id, { action: 'confirm' })).json().status).toBe('closed');

    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: lina.headers })).json();
    expect(detail.timeline.map((event: { kind: string; toStatus: string; actor: { name: string } }) => [event.kind, event.toStatus, event.actor.name])).toEqual([
      ['created', 'reported', '张伟'],
      ['transition', 'accepted', '李娜'],
      ['transition', 'diagnosing', '李娜'],
      ['transition', 'resolved', '李娜'],
      ['transition', 'closed', '张伟'],
    ]);
    await t.drainOutbox();
    const toZhang = await notificationsOf(t, demo.employee);
    expect(toZhang.filter((text) => text.includes(ticket.number))).toHaveLength(4);
    expect(toZhang.join()).toContain('更换 HDMI 转接头');
    expect((await notificationsOf(t, demo.itStaff)).join()).toContain('已关闭');
  });

  it('an illegal step is a 409 problem, and an employee cannot take IT’s steps', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const lina = await t.loginAs(demo.itStaff);
    const ticket = await report(t, zhang.headers);
    const early = await act(t, lina.headers, ticket.id, { action: 'confirm' });
    expect(early.statusCode).toBe(409);
    expect(problemOf(early).code).toBe('tickets.invalid_transition');
    expect((await act(t, zhang.headers, ticket.id, { action: 'accept' })).statusCode).toBe(409);
    const noResult = await act(t, lina.headers, ticket.id, { action: 'resolve' });
    expect(problemOf(noResult).errors?.[0]?.path).toBe('body.resolution');
  });

  it('S4: employees see their own tickets and their department’s shared ones; other people’s are 404; IT sees all and the queue', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const huang = await t.loginAs(demo.salesRep);
    const luo = await t.loginAs('yq-luojun');
    const lina = await t.loginAs(demo.itStaff);
    const shared = await report(t, zhang.headers);
    const personal = await report(t, zhang.headers, { ...projector, title: '我的电脑蓝屏', category: 'computer', impact: 'self' });

    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${shared.id}`, headers: huang.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${personal.id}`, headers: huang.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${shared.id}`, headers: luo.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${personal.id}`, headers: lina.headers })).statusCode).toBe(200);

    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/tickets?view=all', headers: zhang.headers });
    expect(queue.statusCode).toBe(403);
    expect(problemOf(queue).code).toBe('tickets.queue_forbidden');
    const unassigned = (await t.app.inject({ method: 'GET', url: '/api/v1/tickets?view=unassigned', headers: lina.headers })).json();
    expect(unassigned.items.map((item: { id: string }) => item.id)).toEqual([personal.id, shared.id]);
  });

  it('the queue filters by level, status and overdue, and pages by keyset', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const lina = await t.loginAs(demo.itStaff);
    for (let i = 0; i < 5; i += 1) await report(t, zhang.headers, { ...projector, title: `故障 ${i}`, impact: i < 2 ? 'company' : 'self', urgency: 'high' });
    const first = (await t.app.inject({ method: 'GET', url: '/api/v1/tickets?view=all&limit=3', headers: lina.headers })).json();
    const second = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets?view=all&limit=3&cursor=${first.nextCursor}`, headers: lina.headers })).json();
    expect([...first.items, ...second.items].map((item: { title: string }) => item.title)).toEqual(['故障 4', '故障 3', '故障 2', '故障 1', '故障 0']);
    expect(second.nextCursor).toBeNull();
    const levelOne = (await t.app.inject({ method: 'GET', url: '/api/v1/tickets?view=all&level=1', headers: lina.headers })).json();
    expect(levelOne.items).toHaveLength(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets?view=all&overdue=true', headers: lina.headers })).json().items).toHaveLength(0);
    t.clock.advance(5 * 3600_000);
    const overdue = (await t.app.inject({ method: 'GET', url: '/api/v1/tickets?view=all&overdue=true', headers: lina.headers })).json();
    expect(overdue.items.map((item: { level: number; resolutionSla: string }) => [item.level, item.resolutionSla])).toEqual([[1, 'breached'], [1, 'breached']]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets?view=all&status=reported&status=closed', headers: lina.headers })).json().items).toHaveLength(5);
  });

  it('T5: “@运维助手 VPN 连不上” in 销售部群 opens a ticket for 黄丽 and the robot answers in the group', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    await t.app.inbox.whenConnected();
    const sales = { id: demoGroupIds.sales };
    await t.sandboxApi('/bot-messages', { method: 'POST', body: { userId: demo.salesRep, openConversationId: sales.id, text: 'VPN 连不上' } });
    await waitFor(async () => (await t.app.inbox.runOnce()) > 0, 'the robot message');
    await t.drainOutbox();

    const huang = await t.loginAs(demo.salesRep);
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: huang.headers })).json();
    expect(mine.items).toEqual([expect.objectContaining({ title: 'VPN 连不上', source: 'chat', reporter: expect.objectContaining({ name: '黄丽' }) })]);
    const { items } = await t.sandboxApi<{ items: unknown[] }>(`/conversations/${encodeURIComponent(sales.id)}/messages`);
    expect(JSON.stringify(items)).toContain(`已创建工单 ${mine.items[0].number}`);
  });

  it('F4: 陈刚 presses 受理 on the ticket card in the IT group; the ticket is his and the card updates for everyone', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    await t.app.inbox.whenConnected();
    const zhang = await t.loginAs(demo.employee);
    await t.loginAs(demo.onCall);
    const ticket = await report(t, zhang.headers);
    await t.drainOutbox();
    await t.sandboxApi(`/cards/ticket-${ticket.id}/click`, { method: 'POST', body: { userId: demo.onCall, action: 'accept' } });
    await waitFor(async () => (await t.app.inbox.runOnce()) > 0, 'the card click');
    await t.drainOutbox();
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: zhang.headers })).json();
    expect(detail).toMatchObject({ status: 'accepted', assignee: { name: '陈刚' } });
    const card = await t.sandboxApi(`/cards/ticket-${ticket.id}`);
    expect(JSON.stringify(card)).toContain('陈刚');
  });

  it('a comment lands in the timeline; someone else’s ticket read is audited', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const lina = await t.loginAs(demo.itStaff);
    const ticket = await report(t, zhang.headers);
    const detail = (await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/comments`, headers: lina.headers, payload: { note: '请问是哪个会议室？' } })).json();
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'comment', note: '请问是哪个会议室？', actor: { name: '李娜' } });
    await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: lina.headers });
    await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: zhang.headers });
    const admin = await t.loginAs(demo.itLead);
    const trail = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?action=tickets.read&targetId=${ticket.id}`, headers: admin.headers })).json();
    expect(trail.items).toHaveLength(1);
  });
});
