import { describe, expect, it } from 'vitest';
import { demoDepartmentIds } from '../../../server/src/sandbox';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';

// Rule S1 (registration and review): a person DingOps has never met waits for IT to verify them
// (账号审核) unless they are a sandbox demo person, an ADMIN_USER_IDS id or in an auto-activate
// department. New people are added through the sandbox (an HR admin's 入职), so they are not demo people.

type AuditItem = { action: string; actorId: string; targetId: string; result: string; summary: Record<string, unknown> };

/** Someone joins the sandbox org (not a demo person); returns their DingTalk user id. */
async function newPerson(t: TestApp, body: { name?: string; departmentId?: number; mobile?: string; userId?: string; title?: string } = {}) {
  const joined = await t.sandboxApi<{ userId: string }>('/org-events', {
    method: 'POST',
    body: { type: 'user_add_org', name: '周新', departmentId: demoDepartmentIds.sales, mobile: '13812345678', title: '销售代表', ...body },
  });
  return joined.userId;
}

const get = (t: TestApp, url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
const post = (t: TestApp, url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
  payload === undefined ? t.app.inject({ method: 'POST', url, headers }) : t.app.inject({ method: 'POST', url, headers, payload });

async function auditOf(t: TestApp, query: string): Promise<AuditItem[]> {
  const admin = await t.loginAs(demo.itLead);
  return (await get(t, `/api/v1/audit?${query}`, admin.headers)).json().items;
}

async function notificationsOf(t: TestApp, dingtalkUserId: string) {
  return (await t.sandboxApi<{ notifications: { msg: Record<string, { title?: string; markdown?: string; text?: string }> }[] }>(`/work-notifications?userId=${dingtalkUserId}`)).notifications;
}

describe('registration review (账号审核)', () => {
  it('S1: a new person’s first login creates a pending account: the session works for GET /me only, every other route answers 403 auth.account_pending', async () => {
    const t = await buildTestApp();
    const dingtalkUserId = await newPerson(t);

    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode: await t.authCodeFor(dingtalkUserId) } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ dingtalkUserId, status: 'pending', name: '周新' });
    const headers = { authorization: `Bearer ${login.json().token}` };

    expect((await get(t, '/api/v1/me', headers)).json()).toMatchObject({ status: 'pending' });
    for (const [method, url] of [['GET', '/api/v1/tickets'], ['POST', '/api/v1/tickets'], ['GET', '/api/v1/knowledge'], ['GET', '/api/v1/users/pending'], ['GET', '/api/v1/alerts/groups']] as const) {
      const refused = await t.app.inject({ method, url, headers, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(refused.statusCode, `${method} ${url}`).toBe(403);
      expect(problemOf(refused).code, `${method} ${url}`).toBe('auth.account_pending');
    }
    const [loginRow] = await auditOf(t, `action=auth.login&targetId=${login.json().user.id}`);
    expect(loginRow?.summary).toMatchObject({ created: true, status: 'pending', registration: 'review_required' });
  });

  it('S1: IT sees the pending person with a masked mobile; an IT admin activates them — audited, told in DingTalk, and the same token now works', async () => {
    const t = await buildTestApp();
    const dingtalkUserId = await newPerson(t);
    const zhou = await t.loginAs(dingtalkUserId);
    const admin = await t.loginAs(demo.itLead);

    for (const reader of [admin, await t.loginAs(demo.itStaff)]) {
      const pending = await get(t, '/api/v1/users/pending', reader.headers);
      expect(pending.statusCode).toBe(200);
      expect(pending.json()).toEqual({
        items: [{ id: zhou.userId, dingtalkUserId, name: '周新', avatarUrl: expect.any(String), title: '销售代表', departments: [expect.objectContaining({ id: demoDepartmentIds.sales, name: '销售部' })], mobileMasked: '138****5678', createdAt: expect.any(String) }],
      });
    }

    const activated = await post(t, `/api/v1/users/${zhou.userId}/activate`, admin.headers);
    expect(activated.statusCode).toBe(200);
    expect(activated.json()).toMatchObject({ id: zhou.userId, status: 'active' });
    expect((await get(t, '/api/v1/tickets', zhou.headers)).statusCode).toBe(200);
    expect((await get(t, '/api/v1/users/pending', admin.headers)).json().items).toEqual([]);

    expect(await auditOf(t, `action=users.activated&targetId=${zhou.userId}`)).toEqual([
      expect.objectContaining({ actorId: admin.userId, result: 'success', summary: expect.objectContaining({ before: 'pending', after: 'active', source: { kind: 'person' } }) }),
    ]);
    expect(await auditOf(t, 'action=users.pending_listed')).toHaveLength(3);
    expect(await t.drainOutbox()).toBe(1);
    const [notice] = await notificationsOf(t, dingtalkUserId);
    expect(JSON.stringify(notice?.msg)).toContain('账号审核已通过');
  });

  it('S1: an IT admin rejects with a reason — audited, told in DingTalk; the open session ends and every login is refused with 403 auth.registration_rejected and the reason', async () => {
    const t = await buildTestApp();
    const dingtalkUserId = await newPerson(t, { name: '冒名者' });
    const stranger = await t.loginAs(dingtalkUserId);
    const admin = await t.loginAs(demo.itLead);

    const rejected = await post(t, `/api/v1/users/${stranger.userId}/reject`, admin.headers, { reason: '非本公司员工' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect((await get(t, '/api/v1/me', stranger.headers)).statusCode).toBe(401);

    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode: await t.authCodeFor(dingtalkUserId) } });
    expect(login.statusCode).toBe(403);
    expect(problemOf(login)).toMatchObject({ code: 'auth.registration_rejected', reason: '非本公司员工', detail: expect.stringContaining('非本公司员工') });

    expect(await auditOf(t, `action=users.rejected&targetId=${stranger.userId}`)).toEqual([
      expect.objectContaining({ actorId: admin.userId, summary: expect.objectContaining({ before: 'pending', after: 'rejected', reason: '非本公司员工' }) }),
    ]);
    expect((await auditOf(t, `action=auth.login&targetId=${dingtalkUserId}`))[0]).toMatchObject({ result: 'failure', summary: { reason: 'registration_rejected' } });
    await t.drainOutbox();
    const [notice] = await notificationsOf(t, dingtalkUserId);
    expect(JSON.stringify(notice?.msg)).toContain('原因：非本公司员工');
  });

  it('S1: a rejection without a reason is a 400 naming body.reason; only a pending person can be activated or rejected (409 users.not_pending); an unknown id is a 404', async () => {
    const t = await buildTestApp();
    const pendingId = (await t.loginAs(await newPerson(t))).userId;
    const admin = await t.loginAs(demo.itLead);
    const zhang = await t.loginAs(demo.employee);

    for (const payload of [undefined, {}, { reason: '  ' }]) {
      const response = await post(t, `/api/v1/users/${pendingId}/reject`, admin.headers, payload);
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).errors?.[0]?.path).toMatch(/^body/);
    }
    expect(problemOf(await post(t, `/api/v1/users/${pendingId}/reject`, admin.headers, { reason: '' })).errors).toEqual([expect.objectContaining({ path: 'body.reason' })]);

    for (const action of ['activate', 'reject']) {
      const active = await post(t, `/api/v1/users/${zhang.userId}/${action}`, admin.headers, { reason: '测试' });
      expect(active.statusCode, action).toBe(409);
      expect(problemOf(active).code).toBe('users.not_pending');
    }
    expect((await post(t, `/api/v1/users/${pendingId}/activate`, admin.headers)).statusCode).toBe(200);
    expect(problemOf(await post(t, `/api/v1/users/${pendingId}/activate`, admin.headers)).code).toBe('users.not_pending');
    expect(problemOf(await post(t, `/api/v1/users/${pendingId}/reject`, admin.headers, { reason: '迟了' })).code).toBe('users.not_pending');
    expect(problemOf(await post(t, '/api/v1/users/00000000-0000-4000-8000-000000000000/activate', admin.headers)).code).toBe('users.not_found');
    expect(await auditOf(t, 'action=users.activated')).toHaveLength(1);
    expect(await auditOf(t, 'action=users.rejected')).toEqual([]);
  });

  it('S1: reactivate is for suspended accounts only — it cannot skip the review of a pending person', async () => {
    const t = await buildTestApp();
    const pending = await t.loginAs(await newPerson(t));
    const admin = await t.loginAs(demo.itLead);
    expect(problemOf(await post(t, `/api/v1/users/${pending.userId}/reactivate`, admin.headers, {})).code).toBe('users.not_suspended');
    expect((await get(t, '/api/v1/me', pending.headers)).json()).toMatchObject({ status: 'pending' });
  });

  it('S4: IT staff, managers, auditors and employees are refused (403) on activate and reject, and only IT reads the pending list; without a login it is a 401', async () => {
    const t = await buildTestApp();
    const pending = await t.loginAs(await newPerson(t));
    for (const person of [demo.itStaff, demo.salesManager, demo.auditor, demo.employee]) {
      const { headers } = await t.loginAs(person);
      expect((await post(t, `/api/v1/users/${pending.userId}/activate`, headers)).statusCode, person).toBe(403);
      const reject = await post(t, `/api/v1/users/${pending.userId}/reject`, headers, { reason: '不认识' });
      expect(problemOf(reject).code, person).toBe('auth.forbidden');
      if (person !== demo.itStaff) expect((await get(t, '/api/v1/users/pending', headers)).statusCode, person).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/pending' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/users/${pending.userId}/activate` })).statusCode).toBe(401);
    expect((await get(t, '/api/v1/me', pending.headers)).json()).toMatchObject({ status: 'pending' });
    expect((await auditOf(t, 'action=access.denied')).length).toBeGreaterThanOrEqual(8);
  });

  it('S1: a person in a REGISTRATION_AUTO_ACTIVATE_DEPARTMENTS department is active from the first login; others still wait', async () => {
    const t = await buildTestApp({ REGISTRATION_AUTO_ACTIVATE_DEPARTMENTS: `${demoDepartmentIds.it},${demoDepartmentIds.audit}` });
    const itNewcomer = await t.loginAs(await newPerson(t, { name: '何新', departmentId: demoDepartmentIds.it, title: '运维工程师' }));
    const salesNewcomer = await t.loginAs(await newPerson(t, { name: '钱新', departmentId: demoDepartmentIds.sales }));

    expect((await get(t, '/api/v1/me', itNewcomer.headers)).json()).toMatchObject({ status: 'active' });
    expect((await get(t, '/api/v1/tickets', itNewcomer.headers)).statusCode).toBe(200);
    expect((await get(t, '/api/v1/me', salesNewcomer.headers)).json()).toMatchObject({ status: 'pending' });
    const [loginRow] = await auditOf(t, `action=auth.login&targetId=${itNewcomer.userId}`);
    expect(loginRow?.summary).toMatchObject({ status: 'active', registration: 'auto_activate_department' });
  });

  it('S1: an ADMIN_USER_IDS person is active (and IT admin) from the first login, and can review others at once', async () => {
    const t = await buildTestApp({ ADMIN_USER_IDS: 'new-it-head' });
    const head = await t.loginAs(await newPerson(t, { userId: 'new-it-head', name: '新主管', departmentId: demoDepartmentIds.finance }));
    const other = await t.loginAs(await newPerson(t, { name: '孙新' }));

    expect((await get(t, '/api/v1/me', head.headers)).json()).toMatchObject({ status: 'active', roles: expect.arrayContaining(['it_admin']) });
    expect((await post(t, `/api/v1/users/${other.userId}/activate`, head.headers)).json()).toMatchObject({ status: 'active' });
  });

  it('sandbox: the demo people stay active, and accounts that existed before are untouched by later logins', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    expect((await get(t, '/api/v1/me', zhang.headers)).json()).toMatchObject({ status: 'active' });
    const admin = await t.loginAs(demo.itLead);
    await post(t, `/api/v1/users/${zhang.userId}/suspend`, admin.headers, { reason: '笔记本丢失' });
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode: await t.authCodeFor(demo.employee) } });
    expect(problemOf(again).code).toBe('auth.account_suspended');
    expect((await get(t, '/api/v1/users/pending', admin.headers)).json().items).toEqual([]);
  });
});
