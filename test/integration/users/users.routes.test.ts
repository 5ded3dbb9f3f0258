import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf } from '../../support/test-app';

async function auditActions(t: Awaited<ReturnType<typeof buildTestApp>>, query: string) {
  const admin = await t.loginAs(demo.itLead);
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/audit?${query}`, headers: admin.headers });
  return response.json().items as { action: string; actorId: string; targetId: string; result: string; summary: Record<string, unknown> }[];
}

describe('/api/v1/users', () => {
  it('S2: an IT admin lists people by name with keyset paging and search', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    for (const person of [demo.employee, demo.salesRep, demo.auditor]) await t.loginAs(person);
    const first = (await t.app.inject({ method: 'GET', url: '/api/v1/users?limit=2', headers: admin.headers })).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await t.app.inject({ method: 'GET', url: `/api/v1/users?limit=2&cursor=${first.nextCursor}`, headers: admin.headers })).json();
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const names = [...first.items, ...second.items].map((user: { name: string }) => user.name);
    expect(new Set(names).size).toBe(4);

    const search = (await t.app.inject({ method: 'GET', url: `/api/v1/users?q=${encodeURIComponent('赵')}`, headers: admin.headers })).json();
    expect(search.items.map((user: { name: string }) => user.name)).toEqual(['赵敏']);
    const auditors = (await t.app.inject({ method: 'GET', url: '/api/v1/users?role=auditor', headers: admin.headers })).json();
    expect(auditors.items.map((user: { name: string }) => user.name)).toEqual(['赵敏']);
  });

  it('S2: granting a role takes effect on the next request and is audited with before and after', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const employee = await t.loginAs(demo.employee);
    const response = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${employee.userId}/roles`, headers: admin.headers, payload: { roles: ['it_staff'] } });
    expect(response.statusCode).toBe(200);
    expect(response.json().roles).toEqual(['employee', 'it_staff']);

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: employee.headers });
    expect(me.json().roles).toEqual(['employee', 'it_staff']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: employee.headers })).statusCode).toBe(200);

    const [change] = await auditActions(t, `action=users.roles_changed&targetId=${employee.userId}`);
    expect(change).toMatchObject({ actorId: admin.userId, result: 'success', summary: { before: ['employee'], after: ['employee', 'it_staff'] } });
  });

  it('S2: an admin cannot remove their own admin role', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const response = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${admin.userId}/roles`, headers: admin.headers, payload: { roles: [] } });
    expect(response.statusCode).toBe(409);
    expect(problemOf(response).code).toBe('users.cannot_drop_own_admin');
  });

  it('a role that cannot be granted by hand is a 400 naming the field, and nothing changes', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const employee = await t.loginAs(demo.employee);
    const response = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${employee.userId}/roles`, headers: admin.headers, payload: { roles: ['it_staff', 'manager'] } });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.[0]?.path).toBe('body.roles.1');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: employee.headers })).json().roles).toEqual(['employee']);
  });

  it('an unknown user is a 404 and a malformed id a 400', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/users/00000000-0000-4000-8000-000000000000', headers: admin.headers });
    expect(missing.statusCode).toBe(404);
    expect(problemOf(missing).code).toBe('users.not_found');
    const malformed = await t.app.inject({ method: 'GET', url: '/api/v1/users/not-a-uuid', headers: admin.headers });
    expect(malformed.statusCode).toBe(400);
    expect(problemOf(malformed).errors?.[0]?.path).toBe('params.userId');
  });

  it('S4: reading another person is audited; an employee trying to list people is refused and that is audited too', async () => {
    const t = await buildTestApp();
    const staff = await t.loginAs(demo.itStaff);
    const employee = await t.loginAs(demo.employee);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/users/${employee.userId}`, headers: staff.headers })).statusCode).toBe(200);
    const denied = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: employee.headers });
    expect(denied.statusCode).toBe(403);
    expect(problemOf(denied).code).toBe('auth.forbidden');

    expect(await auditActions(t, `action=users.read&targetId=${employee.userId}`)).toEqual([expect.objectContaining({ actorId: staff.userId })]);
    expect(await auditActions(t, `action=access.denied&actorId=${employee.userId}`)).toEqual([
      expect.objectContaining({ result: 'denied', targetId: 'GET /api/v1/users' }),
    ]);
  });

  it('a bad cursor is a 400 naming query.cursor', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/users?cursor=garbage', headers: admin.headers });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.[0]?.path).toBe('querystring.cursor');
  });
});
