import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { demoDepartmentIds } from '../../../server/src/sandbox';
import { inboxEvents } from '../../../server/src/platform/inbox/inbox.table';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';

// DingTalk's contact events, pushed by the real sandbox over Stream, handled by the users module
// through the inbox (rule S2: access follows the job; S4: every change logged).

const fault = { category: 'vpn', title: 'VPN 连不上', description: '在家连公司 VPN 一直超时', impact: 'self', urgency: 'medium' };

type AuditItem = { action: string; actorId: string; actorName: string; targetId: string; summary: Record<string, unknown> };

async function auditOf(t: TestApp, query: string): Promise<AuditItem[]> {
  const admin = await t.loginAs(demo.itLead);
  return (await t.app.inject({ method: 'GET', url: `/api/v1/audit?${query}`, headers: admin.headers })).json().items;
}

/** Fires a contact change in the sandbox and waits until its event is in DingOps' inbox. */
async function orgEvent(t: TestApp, body: Record<string, unknown>): Promise<{ eventId: string; userId: string }> {
  const answer = await t.sandboxApi<{ eventId: string; userId: string }>('/org-events', { method: 'POST', body });
  await waitFor(async () => (await t.database.db.select().from(inboxEvents).where(eq(inboxEvents.eventKey, `event:${answer.eventId}`))).length === 1, `${String(body.type)} in the inbox`);
  return answer;
}

const userOf = async (t: TestApp, userId: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/users/${userId}`, headers: (await t.loginAs(demo.itLead)).headers })).json();

describe('DingTalk contact events', () => {
  it('S2: a person who leaves is suspended at once — the token that just reported a fault gets 401 problem+json after one dispatcher tick', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const zhang = await t.loginAs(demo.employee);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: fault })).statusCode).toBe(201);

    await orgEvent(t, { type: 'user_leave_org', userId: demo.employee, operatorUserId: 'yq-xieting' });
    await t.app.inbox.runOnce();

    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: fault });
    expect(refused.statusCode).toBe(401);
    expect(problemOf(refused)).toMatchObject({ status: 401, detail: 'This account is no longer active' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: zhang.headers })).statusCode).toBe(401);
    expect(await userOf(t, zhang.userId)).toMatchObject({ status: 'suspended', name: '张伟' });
    const [suspended, ...more] = await auditOf(t, `action=users.suspended&targetId=${zhang.userId}`);
    expect(more).toEqual([]);
    expect(suspended).toMatchObject({
      actorId: 'dingtalk',
      actorName: '钉钉通讯录 user_leave_org',
      summary: { before: 'active', after: 'suspended', reason: expect.stringContaining('user_leave_org'), source: { kind: 'dingtalk_org_event', eventType: 'user_leave_org', operatorDingtalkUserId: 'yq-xieting' } },
    });
  });

  it('S2: with the dispatcher running, a leaver’s session is refused within seconds of the event', async () => {
    const t = await buildTestApp({ INBOX_DISPATCHER: 'true' });
    await t.app.ready();
    const zhang = await t.loginAs(demo.employee);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: zhang.headers })).statusCode).toBe(200);

    const started = Date.now();
    await t.sandboxApi('/org-events', { method: 'POST', body: { type: 'user_leave_org', userId: demo.employee } });
    await waitFor(async () => (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: zhang.headers })).statusCode === 401, 'the session to be refused', 5000);

    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a leave event delivered again, or arriving twice under another envelope, changes nothing more and writes no second audit row', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const zhang = await t.loginAs(demo.employee);
    const { eventId } = await orgEvent(t, { type: 'user_leave_org', userId: demo.employee });
    await t.app.inbox.runOnce();

    await t.sandboxApi(`/events/${eventId}/redeliver`, { method: 'POST' });
    await waitFor(async () => (await t.database.db.select().from(inboxEvents).where(eq(inboxEvents.eventKey, `event:${eventId}`)))[0]?.duplicates === 1, 'the redelivery to be counted');
    // The same leave as an HTTP callback would carry it: another inbox key, the same person.
    await t.app.inbox.receive({ eventKey: 'http-event:replayed-leave', transport: 'http', kind: 'event', topic: 'user_leave_org', payload: { eventType: 'user_leave_org', userId: [demo.employee] } });
    await t.app.inbox.runOnce();

    expect(await userOf(t, zhang.userId)).toMatchObject({ status: 'suspended' });
    expect(await auditOf(t, `action=users.suspended&targetId=${zhang.userId}`)).toHaveLength(1);
    const rows = await t.database.db.select().from(inboxEvents).where(eq(inboxEvents.topic, 'user_leave_org'));
    expect(rows.map((row) => row.status)).toEqual(['processed', 'processed']);
  });

  it('S2: a move is read back from DingTalk — department, title and manager refreshed and audited with before and after', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const huang = await t.loginAs(demo.salesRep);

    await orgEvent(t, { type: 'user_modify_org', userId: demo.salesRep, departmentId: demoDepartmentIds.finance, title: '会计' });
    await t.app.inbox.runOnce();

    expect(await userOf(t, huang.userId)).toMatchObject({ title: '会计', departments: [{ id: demoDepartmentIds.finance, name: '财务部', isLeader: false }], status: 'active', roles: ['employee'] });
    const [updated] = await auditOf(t, `action=users.updated&targetId=${huang.userId}`);
    expect(updated).toMatchObject({
      actorId: 'dingtalk',
      summary: {
        before: { title: '销售代表', departments: [{ id: demoDepartmentIds.sales, name: '销售部', isLeader: false }], managerDingtalkUserId: demo.salesManager },
        after: { title: '会计', departments: [{ id: demoDepartmentIds.finance, name: '财务部', isLeader: false }], managerDingtalkUserId: 'yq-zhengfang' },
        source: { kind: 'dingtalk_org_event', eventType: 'user_modify_org' },
      },
    });
  });

  it('S2: made a department leader in DingTalk, a person is a manager on their next request — no new login needed', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const huang = await t.loginAs(demo.salesRep);

    await orgEvent(t, { type: 'user_modify_org', userId: demo.salesRep, isLeader: true });
    await t.app.inbox.runOnce();

    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: huang.headers })).json()).toMatchObject({ isManager: true, roles: ['employee', 'manager'] });
  });

  it('S1: a new hire is created waiting for review (pending), as a first login would, audited once; the same event again creates nobody new', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const { userId } = await orgEvent(t, { type: 'user_add_org', name: '周新', departmentId: demoDepartmentIds.rnd, title: '开发工程师' });
    await t.app.inbox.runOnce();
    await t.app.inbox.receive({ eventKey: 'http-event:replayed-add', transport: 'http', kind: 'event', topic: 'user_add_org', payload: { userId: [userId] } });
    await t.app.inbox.runOnce();

    const admin = await t.loginAs(demo.itLead);
    const found = (await t.app.inject({ method: 'GET', url: `/api/v1/users?q=${encodeURIComponent('周新')}`, headers: admin.headers })).json();
    expect(found.items).toEqual([expect.objectContaining({ dingtalkUserId: userId, title: '开发工程师', status: 'pending', roles: ['employee'], lastLoginAt: null, departments: [expect.objectContaining({ name: '研发部' })] })]);
    const created = await auditOf(t, `action=users.created&targetId=${found.items[0].id}`);
    expect(created).toEqual([expect.objectContaining({ actorId: 'dingtalk', summary: expect.objectContaining({ status: 'pending', registration: 'review_required', source: expect.objectContaining({ eventType: 'user_add_org' }) }) })]);
    expect(await auditOf(t, `action=users.updated&targetId=${found.items[0].id}`)).toEqual([]);
    const session = await t.loginAs(userId);
    expect(session.userId).toBe(found.items[0].id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers })).json()).toMatchObject({ status: 'pending' });
  });

  it('the directory is read before the event’s transaction: a slow DingTalk holds up no one else’s request', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const zhang = await t.loginAs(demo.employee);
    await orgEvent(t, { type: 'user_modify_org', userId: demo.salesRep, title: '高级销售代表' });
    await t.sandboxApi('/faults', { method: 'PUT', body: { latencyMs: 1500 } });

    const tick = t.app.inbox.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: zhang.headers })).statusCode).toBe(200);
    const waited = Date.now() - started;
    await tick;

    expect(waited).toBeLessThan(1000);
    expect((await t.database.db.select().from(inboxEvents))[0]).toMatchObject({ status: 'processed' });
  });

  it('when DingTalk cannot be read the event is retried later, not lost', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    await orgEvent(t, { type: 'user_add_org', name: '周新', departmentId: demoDepartmentIds.rnd });
    await t.sandboxApi('/faults', { method: 'PUT', body: { errorRate: 1 } });
    await t.app.inbox.runOnce();

    const [row] = await t.database.db.select().from(inboxEvents);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.any(String) });
    await t.sandboxApi('/faults', { method: 'PUT', body: {} });
    t.clock.advance(60_000);
    await t.app.inbox.runOnce();
    expect((await t.database.db.select().from(inboxEvents))[0]).toMatchObject({ status: 'processed', attempts: 2 });
  });

  it('a change for someone who has left by the time it is handled is skipped without retries', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    await orgEvent(t, { type: 'user_modify_org', userId: demo.salesRep, title: '高级销售代表' });
    await orgEvent(t, { type: 'user_leave_org', userId: demo.salesRep });
    await t.app.inbox.runOnce();

    const rows = await t.database.db.select().from(inboxEvents);
    expect(rows.map((row) => [row.topic, row.status, row.attempts])).toEqual([
      ['user_modify_org', 'processed', 1],
      ['user_leave_org', 'processed', 1],
    ]);
  });

  it('S2: someone who left and is added back stays suspended until IT reactivates them', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const zhang = await t.loginAs(demo.employee);
    await orgEvent(t, { type: 'user_leave_org', userId: demo.employee });
    await t.app.inbox.runOnce();
    await orgEvent(t, { type: 'user_add_org', userId: demo.employee, name: '张伟', departmentId: demoDepartmentIds.sales, title: '销售经理' });
    await t.app.inbox.runOnce();

    expect(await userOf(t, zhang.userId)).toMatchObject({ status: 'suspended' });
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode: await t.authCodeFor(demo.employee) } });
    expect(login.statusCode).toBe(403);
    expect(problemOf(login).code).toBe('auth.account_suspended');
  });

  it('an event without user ids is kept in the inbox, handled once, and changes nobody', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const zhang = await t.loginAs(demo.employee);
    await t.app.inbox.receive({ eventKey: 'http-event:no-ids', transport: 'http', kind: 'event', topic: 'user_leave_org', payload: { userId: [] } });
    await t.app.inbox.runOnce();

    expect((await t.database.db.select().from(inboxEvents)).map((row) => [row.status, row.attempts])).toEqual([['processed', 1]]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: zhang.headers })).statusCode).toBe(200);
  });
});
