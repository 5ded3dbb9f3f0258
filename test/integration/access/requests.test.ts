import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessRequests } from '../../../server/src/modules/access/access.table';
import { outbox } from '../../../server/src/platform/outbox/outbox.table';
import { inboxEvents } from '../../../server/src/platform/inbox/inbox.table';
import { decideInSandbox, demoRoleId, pendingApprovalFor, settle, settleInstance } from '../../support/access';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';

// Issue 12 item 3, rule S2: a request goes to DingTalk's approval app (the sandbox's) as the
// 权限变更申请 form, and DingTalk's bpms_instance_change event grants or closes it.

type Session = Awaited<ReturnType<TestApp['loginAs']>>;

async function request(t: TestApp, session: Session, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/access/requests', headers: session.headers, payload });
}

async function auditActions(t: TestApp, targetType: string, targetId: string) {
  const admin = await t.loginAs(demo.itLead);
  const items = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?targetType=${targetType}&targetId=${targetId}&limit=50`, headers: admin.headers })).json().items as { action: string; actorName: string; summary: Record<string, unknown> }[];
  return items;
}

// Each test waits on DingTalk round trips (sandbox → Stream → inbox); a cold first test on a loaded machine needs more than 30 s.
describe('access requests approved in DingTalk', { timeout: 90_000 }, () => {
  it('S2: 张伟 asks for VPN; the approval reaches 刘洋 with the form filled; he agrees in the sandbox and the grant is active with start, end and the approval id; everything audited', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const zhang = await t.loginAs(demo.employee);
    const vpn = await demoRoleId(t, 'VPN', '远程访问');

    const created = await request(t, zhang, { roleId: vpn, reason: '出差期间需要远程访问 CRM', days: 30 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'pending' });
    const { id } = created.json() as { id: number };

    await settle(t);
    const [task] = await pendingApprovalFor(t, demo.salesManager);
    expect(task).toBeDefined();
    const form = Object.fromEntries(task!.formComponentValues.map((value) => [value.name, value.value]));
    expect(form).toMatchObject({ 申请系统: 'VPN', 申请权限: '远程访问', 变更类型: '新增', '有效期（天）': '30', 申请理由: '出差期间需要远程访问 CRM', DingOps申请单号: String(id), 风险等级: '低', 权限使用人: '张伟（yq-zhangwei）' });
    expect(form['详情链接']).toMatch(new RegExp(`/access/requests/${id}$`));

    const pending = (await t.app.inject({ method: 'GET', url: `/api/v1/access/requests/${id}`, headers: zhang.headers })).json();
    expect(pending).toMatchObject({ status: 'pending', approvalInstanceId: task!.processInstanceId, approvers: [{ userId: demo.salesManager, step: 'manager' }] });
    expect(pending.approvalUrl).toContain(task!.processInstanceId);

    await decideInSandbox(t, task!.processInstanceId, demo.salesManager, 'agree');
    await settleInstance(t, task!.processInstanceId, 'finish');

    const approved = (await t.app.inject({ method: 'GET', url: `/api/v1/access/requests/${id}`, headers: zhang.headers })).json();
    expect(approved).toMatchObject({ status: 'approved', grantId: expect.any(Number) });
    const grants = (await t.app.inject({ method: 'GET', url: '/api/v1/access/grants?status=active', headers: zhang.headers })).json().items;
    const grant = grants.find((entry: { roleId: number }) => entry.roleId === vpn);
    expect(grant).toMatchObject({ userId: demo.employee, status: 'active', approvalInstanceId: task!.processInstanceId, requestId: id, systemName: 'VPN' });
    expect(new Date(grant.endsAt).getTime() - new Date(grant.startsAt).getTime()).toBe(30 * 86_400_000);

    expect((await auditActions(t, 'access_request', String(id))).map((row) => row.action)).toContain('access.requested');
    const granted = await auditActions(t, 'access_grant', String(grant.id));
    expect(granted[0]).toMatchObject({ action: 'access.granted', actorName: `钉钉审批 ${task!.processInstanceId}`, summary: { userId: demo.employee, system: 'VPN', role: '远程访问', approvalInstanceId: task!.processInstanceId } });

    // Least privilege: asking again for what one holds is refused, naming the field.
    const again = await request(t, zhang, { roleId: vpn, reason: '再申请一次', days: 10 });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again)).toMatchObject({ code: 'access.already_held', errors: [{ path: 'body.roleId', message: 'is already held' }] });

    // 张伟 was told at each step (work notifications reached him in the sandbox).
    const messages = await t.sandboxApi<{ notifications: { userId: string; msg: { action_card?: { title: string } } }[] }>(`/work-notifications?userId=${demo.employee}`).catch(() => null);
    if (messages) expect(JSON.stringify(messages)).toContain('已生效');
  });

  it('S2: a refusal closes the request with no grant; a duplicated and a late event change nothing', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const huang = await t.loginAs(demo.salesRep);
    const admin = await demoRoleId(t, 'CRM', 'CRM 管理员');
    const { id } = (await request(t, huang, { roleId: admin, reason: '需要导出全部客户', days: 30 })).json() as { id: number };
    await settle(t);
    const [task] = await pendingApprovalFor(t, demo.salesManager);
    // Medium risk: manager and owner — both 刘洋, so he approves once.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/access/requests/${id}`, headers: huang.headers })).json().approvers).toEqual([{ userId: demo.salesManager, name: '刘洋', step: 'manager' }]);
    await decideInSandbox(t, task!.processInstanceId, demo.salesManager, 'refuse', '不需要全部客户');
    await settleInstance(t, task!.processInstanceId, 'finish');
    const refused = (await t.app.inject({ method: 'GET', url: `/api/v1/access/requests/${id}`, headers: huang.headers })).json();
    expect(refused).toMatchObject({ status: 'refused', grantId: null });

    // DingTalk delivers the same finish again (another event id), then a late "start": nothing moves.
    const [finish] = await t.database.db.select().from(inboxEvents).where(and(eq(inboxEvents.topic, 'bpms_instance_change'), sql`${inboxEvents.payload}->>'type' = 'finish'`));
    for (const [key, payload] of [
      ['dup-finish', { ...finish!.payload, result: 'agree' }],
      ['late-start', { ...finish!.payload, type: 'start' }],
    ] as const) {
      await t.database.db.insert(inboxEvents).values({ kind: 'event', transport: 'stream', eventKey: `test:${key}:${id}`, topic: 'bpms_instance_change', payload, receivedAt: new Date(), nextAttemptAt: new Date(0) });
    }
    await settle(t);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/access/requests/${id}`, headers: huang.headers })).json()).toMatchObject({ status: 'refused', grantId: null });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/access/grants', headers: huang.headers })).json().items.filter((grant: { roleId: number }) => grant.roleId === admin)).toEqual([]);
  });

  it('S2: an agree that arrives before DingOps recorded the instance id finds the request by the form’s 申请单号', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const zhang = await t.loginAs(demo.employee);
    const { id } = (await request(t, zhang, { roleId: await demoRoleId(t, 'VPN', '远程访问'), reason: '居家办公', days: 7 })).json() as { id: number };
    await settle(t);
    const [task] = await pendingApprovalFor(t, demo.salesManager);
    // As if the delivery's transaction had not committed yet when DingTalk's event came in.
    await t.database.db.update(accessRequests).set({ approvalInstanceId: null }).where(eq(accessRequests.id, id));
    await decideInSandbox(t, task!.processInstanceId, demo.salesManager, 'agree');
    await settleInstance(t, task!.processInstanceId, 'finish');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/access/requests/${id}`, headers: zhang.headers })).json()).toMatchObject({ status: 'approved', approvalInstanceId: task!.processInstanceId });
  });

  it('S2: a withdrawn request revokes its DingTalk approval; the terminate event changes nothing more', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const zhang = await t.loginAs(demo.employee);
    const { id } = (await request(t, zhang, { roleId: await demoRoleId(t, 'CRM', 'CRM 管理员'), reason: '季度报表', days: 14 })).json() as { id: number };
    await settle(t);
    const [task] = await pendingApprovalFor(t, demo.salesManager);
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/v1/access/requests/${id}/withdraw`, headers: zhang.headers, payload: { reason: '不需要了' } });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', decisionNote: '不需要了' });
    await settleInstance(t, task!.processInstanceId, 'terminate');
    const { instances } = await t.sandboxApi<{ instances: { processInstanceId: string; status: string }[] }>(`/approvals/instances?originatorUserId=${demo.employee}`);
    expect(instances.find((instance) => instance.processInstanceId === task!.processInstanceId)?.status).toBe('TERMINATED');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/access/requests/${id}`, headers: zhang.headers })).json().status).toBe('withdrawn');
    // Withdrawn twice: a clear conflict, not a second revoke.
    expect(problemOf(await t.app.inject({ method: 'POST', url: `/api/v1/access/requests/${id}/withdraw`, headers: zhang.headers, payload: {} }))).toMatchObject({ status: 409, code: 'access.not_pending' });
  });

  it('S2: high risk goes manager → owner → security lead in order; a manual system waits for IT’s task before the grant is active', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const zheng = await t.loginAs('yq-zhengfang');
    const role = await demoRoleId(t, 'ERP 财务系统', '财务管理员');
    // 郑芳 (finance manager, and ERP's owner) asks for 马超, a member of her department.
    const created = await request(t, zheng, { roleId: role, reason: '月结期间代管科目', days: 10, forUserId: 'yq-machao' });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: number };
    await settle(t);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/access/requests/${id}`, headers: zheng.headers })).json();
    expect(detail.approvers.map((approver: { userId: string; step: string }) => `${approver.step}:${approver.userId}`)).toEqual(['manager:yq-zhengfang', 'security:yq-sunyue']);
    const { instances } = await t.sandboxApi<{ instances: { processInstanceId: string; nodes: { approvers: { userId: string }[] }[] }[] }>(`/approvals/instances?originatorUserId=yq-zhengfang`);
    expect(instances[0]!.nodes.map((node) => node.approvers.map((approver) => approver.userId))).toEqual([['yq-zhengfang'], ['yq-sunyue']]);

    await decideInSandbox(t, instances[0]!.processInstanceId, 'yq-zhengfang', 'agree');
    await settle(t);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/access/requests/${id}`, headers: zheng.headers })).json().status).toBe('pending');
    await decideInSandbox(t, instances[0]!.processInstanceId, 'yq-sunyue', 'agree');
    await settleInstance(t, instances[0]!.processInstanceId, 'finish');

    const lina = await t.loginAs(demo.itStaff);
    const tasks = (await t.app.inject({ method: 'GET', url: '/api/v1/access/tasks', headers: lina.headers })).json().items;
    const provision = tasks.find((entry: { userId: string; kind: string }) => entry.userId === 'yq-machao' && entry.kind === 'provision');
    expect(provision).toMatchObject({ systemName: 'ERP 财务系统', roleName: '财务管理员', status: 'open' });
    const grantsOf = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/access/grants?userId=yq-machao', headers: lina.headers })).json().items.filter((grant: { roleId: number }) => grant.roleId === role);
    expect((await grantsOf())[0]).toMatchObject({ status: 'provisioning', activatedAt: null });

    // Employees cannot close IT's tasks.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/access/tasks/${provision.id}/done`, headers: (await t.loginAs(demo.employee)).headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/access/tasks/${provision.id}/done`, headers: lina.headers })).json()).toMatchObject({ status: 'done' });
    expect((await grantsOf())[0]).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
    expect(problemOf(await t.app.inject({ method: 'POST', url: `/api/v1/access/tasks/${provision.id}/done`, headers: lina.headers }))).toMatchObject({ status: 409, code: 'access.task_done' });
  });

  it('S2: an approval DingTalk will not start fails the request and tells the requester; once the form is fixed, the resent dead letter brings it back to waiting', async () => {
    const t = await buildTestApp({ DINGTALK_APPROVAL_PROCESS_CODE: 'PROC-NOT-BUILT-YET' });
    await t.app.ready();
    const zhang = await t.loginAs(demo.employee);
    const { id } = (await request(t, zhang, { roleId: await demoRoleId(t, 'VPN', '远程访问'), reason: '出差', days: 5 })).json() as { id: number };
    await t.drainOutbox();
    const failed = (await t.app.inject({ method: 'GET', url: `/api/v1/access/requests/${id}`, headers: zhang.headers })).json();
    expect(failed).toMatchObject({ status: 'failed', approvalInstanceId: null });
    expect(failed.decisionNote).toContain('钉钉审批未能发起');
    expect(JSON.stringify(await t.database.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.kind, 'dingtalk.work_notification')))).toContain('权限申请未能提交到钉钉审批');

    // An admin builds the form, then sends the dead letter again from 运维 → 死信.
    const [dead] = await t.database.db.select().from(outbox).where(and(eq(outbox.kind, 'dingtalk.approval_start'), eq(outbox.status, 'dead')));
    await t.database.db.update(outbox).set({ payload: { ...dead!.payload, processCode: 'PROC-DINGOPS-ACCESS' } }).where(eq(outbox.id, dead!.id));
    const admin = await t.loginAs(demo.itLead);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/ops/outbox/${dead!.id}/retry`, headers: admin.headers })).statusCode).toBe(200);
    await settle(t);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/access/requests/${id}`, headers: zhang.headers })).json()).toMatchObject({ status: 'pending', approvalInstanceId: expect.any(String), decisionNote: null });
  });

  it('refuses, naming the field: a duration over the role’s maximum, an unknown role, a person outside the manager’s team, a second pending request', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const zhang = await t.loginAs(demo.employee);
    const liu = await t.loginAs(demo.salesManager);
    const vpn = await demoRoleId(t, 'VPN', '远程访问');

    const tooLong = problemOf(await request(t, zhang, { roleId: vpn, reason: '长期', days: 181 }));
    expect(tooLong, JSON.stringify(tooLong)).toMatchObject({ status: 400, code: 'access.days_too_long', errors: [{ path: 'body.days', message: 'must be at most 180 days for this role' }] });
    const unknownRole = problemOf(await request(t, zhang, { roleId: 999_999, reason: '无此角色', days: 1 }));
    expect(unknownRole, JSON.stringify(unknownRole)).toMatchObject({ status: 400, errors: [{ path: 'body.roleId' }] });
    expect(problemOf(await request(t, zhang, { roleId: vpn, reason: '零天', days: 0 })).errors?.[0]?.path).toBe('body.days');
    expect(problemOf(await request(t, liu, { roleId: vpn, reason: '帮研发申请', days: 5, forUserId: 'yq-luojun' }))).toMatchObject({ status: 403, code: 'access.not_your_team' });
    // An employee cannot ask on someone else's behalf either.
    expect(problemOf(await request(t, zhang, { roleId: vpn, reason: '帮同事申请', days: 5, forUserId: demo.salesRep }))).toMatchObject({ status: 403, code: 'access.not_your_team' });
    expect((await request(t, liu, { roleId: vpn, reason: '为黄丽申请', days: 5, forUserId: demo.salesRep })).statusCode).toBe(201);
    expect(problemOf(await request(t, liu, { roleId: vpn, reason: '重复', days: 5, forUserId: demo.salesRep }))).toMatchObject({ status: 409, code: 'access.already_requested' });

    // Others cannot read or withdraw a request that is not theirs.
    const { id } = (await request(t, zhang, { roleId: vpn, reason: '出差', days: 3 })).json() as { id: number };
    const sun = await t.loginAs('yq-gaojie');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/access/requests/${id}`, headers: sun.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/access/requests/${id}/withdraw`, headers: sun.headers, payload: {} })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/access/grants?userId=${demo.employee}`, headers: sun.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/access/requests?scope=all', headers: zhang.headers })).statusCode).toBe(403);
  });
});
