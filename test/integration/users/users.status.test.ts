import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';

// POST /api/v1/users/:userId/suspend and /reactivate: an IT admin stops or restores an account
// (rule S2: access withdrawn when duties change; S4: every change and refusal logged).

const post = (t: TestApp, url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
  payload === undefined ? t.app.inject({ method: 'POST', url, headers }) : t.app.inject({ method: 'POST', url, headers, payload });

async function auditOf(t: TestApp, headers: Record<string, string>, query: string) {
  return (await t.app.inject({ method: 'GET', url: `/api/v1/audit?${query}`, headers })).json().items as { action: string; actorId: string; result: string; summary: Record<string, unknown> }[];
}

describe('suspending and reactivating an account', () => {
  it('S2: an IT admin suspends a person — their token is refused on the next request — and reactivates them; both audited with before, after and reason', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const zhang = await t.loginAs(demo.employee);

    const suspended = await post(t, `/api/v1/users/${zhang.userId}/suspend`, admin.headers, { reason: '笔记本丢失，账号暂停' });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ id: zhang.userId, status: 'suspended' });
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: zhang.headers });
    expect(refused.statusCode).toBe(401);
    expect(problemOf(refused).detail).toBe('This account is no longer active');

    const reactivated = await post(t, `/api/v1/users/${zhang.userId}/reactivate`, admin.headers, { reason: '已找回' });
    expect(reactivated.json()).toMatchObject({ status: 'active' });
    // The old token carries no status: it works again, like a fresh login would.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: zhang.headers })).statusCode).toBe(200);
    expect((await t.loginAs(demo.employee)).userId).toBe(zhang.userId);

    expect(await auditOf(t, admin.headers, `action=users.suspended&targetId=${zhang.userId}`)).toEqual([
      expect.objectContaining({ actorId: admin.userId, result: 'success', summary: { before: 'active', after: 'suspended', reason: '笔记本丢失，账号暂停', source: { kind: 'person' } } }),
    ]);
    expect(await auditOf(t, admin.headers, `action=users.reactivated&targetId=${zhang.userId}`)).toEqual([
      expect.objectContaining({ actorId: admin.userId, summary: { before: 'suspended', after: 'active', reason: '已找回', source: { kind: 'person' } } }),
    ]);
  });

  it('a suspension without a reason is a 400 naming body.reason, and the account stays active', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const zhang = await t.loginAs(demo.employee);

    for (const payload of [undefined, {}, { reason: '   ' }]) {
      const response = await post(t, `/api/v1/users/${zhang.userId}/suspend`, admin.headers, payload);
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).errors?.[0]?.path).toMatch(/^body/);
    }
    expect(problemOf(await post(t, `/api/v1/users/${zhang.userId}/suspend`, admin.headers, { reason: '' })).errors).toEqual([expect.objectContaining({ path: 'body.reason' })]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: zhang.headers })).statusCode).toBe(200);
  });

  it('S2: an admin cannot suspend themselves; suspending twice or reactivating an active account is a 409; an unknown person a 404', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const zhang = await t.loginAs(demo.employee);

    const self = await post(t, `/api/v1/users/${admin.userId}/suspend`, admin.headers, { reason: '测试' });
    expect(self.statusCode).toBe(409);
    expect(problemOf(self).code).toBe('users.cannot_suspend_self');
    expect(problemOf(await post(t, `/api/v1/users/${zhang.userId}/reactivate`, admin.headers, {})).code).toBe('users.not_suspended');
    await post(t, `/api/v1/users/${zhang.userId}/suspend`, admin.headers, { reason: '离职' });
    const again = await post(t, `/api/v1/users/${zhang.userId}/suspend`, admin.headers, { reason: '离职' });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).code).toBe('users.already_suspended');
    const missing = await post(t, '/api/v1/users/00000000-0000-4000-8000-000000000000/suspend', admin.headers, { reason: '离职' });
    expect(missing.statusCode).toBe(404);
    expect(problemOf(missing).code).toBe('users.not_found');
    expect(await auditOf(t, admin.headers, 'action=users.suspended')).toHaveLength(1);
  });

  it('S4: IT staff, managers, auditors and employees are refused (403, audited) and nobody is suspended; without a login it is a 401', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const zhang = await t.loginAs(demo.employee);

    for (const person of [demo.itStaff, demo.salesManager, demo.auditor, demo.salesRep]) {
      const session = await t.loginAs(person);
      const response = await post(t, `/api/v1/users/${zhang.userId}/suspend`, session.headers, { reason: '试试' });
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).code).toBe('auth.forbidden');
    }
    expect((await post(t, `/api/v1/users/${zhang.userId}/reactivate`, {}, {})).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: zhang.headers })).statusCode).toBe(200);
    const denied = await auditOf(t, admin.headers, 'action=access.denied');
    expect(denied.filter((row) => row.result === 'denied')).toHaveLength(4);
  });
});
