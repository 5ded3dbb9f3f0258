import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp } from '../../support/test-app';

/** Issue 2 §6: IT roles are assigned by an admin, and the first admin comes from ADMIN_USER_IDS. */
describe('ADMIN_USER_IDS', () => {
  it('S4: a person named in ADMIN_USER_IDS is an IT admin at their first login; nobody else is (demo seed off)', { timeout: 120_000 }, async () => {
    // The demo seed would make yq-wanglei an IT admin anyway: off, only the variable can grant it.
    const t = await buildTestApp({ ADMIN_USER_IDS: `${demo.employee}, ${demo.salesRep}`, SANDBOX_SEED_DEMO: 'false' });
    const me = async (userId: string) => (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: (await t.loginAs(userId)).headers })).json() as { roles: string[] };

    expect((await me(demo.employee)).roles).toContain('it_admin');
    expect((await me(demo.salesRep)).roles).toContain('it_admin');
    expect((await me(demo.itLead)).roles).not.toContain('it_admin');

    // The grant is the system's, audited like one an admin makes.
    const admin = await t.loginAs(demo.employee);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=users.role_granted', headers: admin.headers });
    expect(audit.statusCode).toBe(200);
    const grants = (audit.json() as { items: { actorId: string | null; targetId: string | null; summary: { role?: string } }[] }).items;
    expect(grants.every((item) => item.actorId === 'system')).toBe(true);
    expect(grants.map((item) => [item.targetId, item.summary.role]).sort()).toEqual([
      [demo.salesRep, 'it_admin'],
      [demo.employee, 'it_admin'],
    ]);
  });

  it('a restart with the same ADMIN_USER_IDS grants nothing twice', async () => {
    const t = await buildTestApp({ ADMIN_USER_IDS: demo.employee, SANDBOX_SEED_DEMO: 'false' });
    await t.app.identity.ensureGrants([{ dingtalkUserId: demo.employee, role: 'it_admin' }], { actorId: 'system', actorName: 'DingOps', sourceIp: null, requestId: null });
    const admin = await t.loginAs(demo.employee);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=users.role_granted', headers: admin.headers });
    expect((audit.json() as { items: unknown[] }).items).toHaveLength(1);
  });
});
