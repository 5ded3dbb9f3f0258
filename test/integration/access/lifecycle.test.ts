import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inboxEvents } from '../../../server/src/platform/inbox/inbox.table';
import { outbox } from '../../../server/src/platform/outbox/outbox.table';
import { demoRoleId, settle } from '../../support/access';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';

// Issue 12 items 4, 6 and 7 (rules S2, S4, S5): grants end on time, leavers lose everything at once,
// and auditors can say who had access to a system between two dates.

const day = 86_400_000;

async function grantsOf(t: TestApp, userId: string) {
  const admin = await t.loginAs(demo.itLead);
  return (await t.app.inject({ method: 'GET', url: `/api/v1/access/grants?userId=${userId}`, headers: admin.headers })).json().items as { id: number; status: string; systemName: string; roleName: string; endsAt: string; endReason: string | null }[];
}

/** Every payload of one effect kind the outbox holds, as one string to search. */
async function outboxPayloads(t: TestApp, kind: string): Promise<string> {
  return JSON.stringify(await t.database.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.kind, kind)));
}

// Each test waits on DingTalk round trips (sandbox → Stream → inbox); a cold first test on a loaded machine needs more than 30 s.
describe('grant lifecycle', { timeout: 90_000 }, () => {
  // The event is put in the inbox as the Stream transport stores it: Stream delivery of org events
  // is tested in users/org-events; a sandbox started after another one's org events in the same
  // worker process was seen not to deliver them (under investigation). 马超 holds a manual system.
  it('S2: 马超 leaves — his account is suspended, his session refused and every grant revoked in the same event, a de-provisioning task for ERP, IT told in IT运维值班群', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const ma = await t.loginAs('yq-machao');
    expect((await grantsOf(t, 'yq-machao')).filter((grant) => grant.status === 'active').map((grant) => grant.systemName)).toEqual(['ERP 财务系统']);

    await t.database.db.insert(inboxEvents).values({ kind: 'event', transport: 'stream', eventKey: 'event:leave-machao', topic: 'user_leave_org', payload: { userId: ['yq-machao'], optStaffId: 'yq-xieting' }, receivedAt: t.clock.now(), nextAttemptAt: new Date(0) });
    await settle(t);

    expect((await t.app.inject({ method: 'GET', url: '/api/v1/access/grants', headers: ma.headers })).statusCode).toBe(401);
    const after = await grantsOf(t, 'yq-machao');
    expect(after.map((grant) => grant.status)).toEqual(['revoked']);
    expect(after[0]!.endReason).toContain('离职');
    expect(await outboxPayloads(t, 'dingtalk.pooled_group_message')).toContain('离职人员权限已全部收回（1 项）');
    const admin = await t.loginAs(demo.itLead);
    const tasks = (await t.app.inject({ method: 'GET', url: '/api/v1/access/tasks', headers: admin.headers })).json().items;
    expect(tasks).toContainEqual(expect.objectContaining({ kind: 'deprovision', userId: 'yq-machao', systemName: 'ERP 财务系统', status: 'open' }));

    const audit = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=access.revoked&limit=10', headers: admin.headers })).json().items as { actorName: string; summary: { userId: string } }[];
    expect(audit.filter((row) => row.summary.userId === 'yq-machao')).toHaveLength(1);
    expect(audit[0]!.actorName).toBe('钉钉通讯录 user_leave_org');

    // The person page tells the story: grants revoked, with the events that did it.
    const page = (await t.app.inject({ method: 'GET', url: '/api/v1/access/people/yq-machao', headers: (await t.loginAs(demo.auditor)).headers })).json();
    expect(page).toMatchObject({ userId: 'yq-machao', name: '马超', status: 'suspended' });
    expect(page.events.map((event: { action: string }) => event.action)).toEqual(expect.arrayContaining(['access.revoked', 'users.suspended', 'access.granted']));
  });

  it('S2: a grant ends at its end date by the scheduler; holder and manager are reminded days before with a one-tap extend', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const zhang = await t.loginAs(demo.employee);
    await t.loginAs(demo.salesManager);
    const crm = (await grantsOf(t, demo.employee)).find((grant) => grant.systemName === 'CRM')!;
    const endsAt = new Date(crm.endsAt).getTime();

    t.clock.advance(endsAt - t.clock.now().getTime() - 6 * day);
    expect(await t.app.scheduler.runNow('access.expire_grants')).toMatchObject({ ran: true, status: 'succeeded' });
    const reminders = await outboxPayloads(t, 'dingtalk.work_notification');
    expect(reminders).toContain('权限即将到期');
    expect(reminders).toContain(`/access/request?extend=${crm.id}`);
    expect(reminders).toContain(demo.salesManager);
    // Once only.
    const count = (reminders.match(/权限即将到期/g) ?? []).length;
    await t.app.scheduler.runNow('access.expire_grants').catch(() => null);
    expect(((await outboxPayloads(t, 'dingtalk.work_notification')).match(/权限即将到期/g) ?? []).length).toBe(count);

    // The one-tap extend is a new request for the same grant; asking afresh is refused.
    const extend = await t.app.inject({ method: 'POST', url: '/api/v1/access/requests', headers: zhang.headers, payload: { roleId: await demoRoleId(t, 'CRM', '销售专员'), reason: '继续跟进客户', days: 90, extendsGrantId: crm.id } });
    expect(extend.statusCode).toBe(201);

    t.clock.advance(7 * day);
    await t.app.scheduler.runNow('access.expire_grants').catch(() => null);
    await waitFor(async () => (await grantsOf(t, demo.employee)).find((grant) => grant.id === crm.id)?.status === 'expired', 'the CRM grant to expire');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/access/grants?status=expired', headers: zhang.headers })).json().items.map((grant: { id: number }) => grant.id)).toContain(crm.id);
  });

  it('S2/S4: a manager revokes a team member’s grant with a reason; an employee and another department’s manager may not', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const liu = await t.loginAs(demo.salesManager);
    await t.loginAs(demo.salesRep);
    const he = await t.loginAs('yq-heming');
    const zhang = await t.loginAs(demo.employee);
    const grant = (await grantsOf(t, demo.salesRep)).find((entry) => entry.systemName === 'CRM')!;

    expect((await t.app.inject({ method: 'POST', url: `/api/v1/access/grants/${grant.id}/revoke`, headers: zhang.headers, payload: { reason: '不需要' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/access/grants/${grant.id}/revoke`, headers: he.headers, payload: { reason: '不需要' } })).statusCode).toBe(404);
    expect(problemOf(await t.app.inject({ method: 'POST', url: `/api/v1/access/grants/${grant.id}/revoke`, headers: liu.headers, payload: {} })).errors?.[0]?.path).toBe('body.reason');
    const revoked = await t.app.inject({ method: 'POST', url: `/api/v1/access/grants/${grant.id}/revoke`, headers: liu.headers, payload: { reason: '调岗到市场部' } });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', endReason: '调岗到市场部' });
    expect(problemOf(await t.app.inject({ method: 'POST', url: `/api/v1/access/grants/${grant.id}/revoke`, headers: liu.headers, payload: { reason: '再收回' } }))).toMatchObject({ status: 409, code: 'access.grant_not_held' });
  });

  it('S5: who had access to CRM between two dates — as JSON for the auditor, refused to employees; a range that ends before it starts names the field', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const zhao = await t.loginAs(demo.auditor);
    const crm = (await t.app.inject({ method: 'GET', url: '/api/v1/access/catalog', headers: zhao.headers })).json().items.find((system: { name: string }) => system.name === 'CRM');
    const now = t.clock.now().getTime();
    const range = `from=${new Date(now - 10 * day).toISOString()}&to=${new Date(now).toISOString()}`;
    const history = await t.app.inject({ method: 'GET', url: `/api/v1/access/history?systemId=${crm.id}&${range}`, headers: zhao.headers });
    expect(history.statusCode).toBe(200);
    expect(history.json().items.map((grant: { userId: string }) => grant.userId).sort()).toEqual(['yq-huangli', 'yq-wuqiang', 'yq-zhangwei']);
    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/access/history.csv?systemId=${crm.id}&${range}`, headers: zhao.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).join('\n')).toContain('吴强');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/audit?action=access.history_exported`, headers: zhao.headers })).json().items).toHaveLength(1);
    // Before anyone held it: nobody.
    const early = `from=${new Date(now - 400 * day).toISOString()}&to=${new Date(now - 300 * day).toISOString()}`;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/access/history?systemId=${crm.id}&${early}`, headers: zhao.headers })).json().items).toEqual([]);
    const backwards = `from=${new Date(now).toISOString()}&to=${new Date(now - day).toISOString()}`;
    expect(problemOf(await t.app.inject({ method: 'GET', url: `/api/v1/access/history?systemId=${crm.id}&${backwards}`, headers: zhao.headers })).errors?.[0]?.path).toBe('querystring.to');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/access/history?systemId=${crm.id}&${range}`, headers: (await t.loginAs(demo.employee)).headers })).statusCode).toBe(403);
  });
});
