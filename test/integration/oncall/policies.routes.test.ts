import { describe, expect, it } from 'vitest';
import { buildTestApp, problemOf } from '../../support/test-app';
import { auditActions, itPeople } from './support';

const base = '/api/v1/oncall/policies';
const steps = [
  { afterMinutes: 0, notify: ['oncall_primary'] },
  { afterMinutes: 10, notify: ['oncall_secondary', 'it_leads'] },
];

describe('/api/v1/oncall/policies', { timeout: 120_000 }, () => {
  it('F2: an IT admin creates a policy, IT staff read it, and the change is audited', async () => {
    const t = await buildTestApp();
    const { admin, lina } = await itPeople(t);
    const created = await t.app.inject({ method: 'POST', url: base, headers: admin.headers, payload: { name: '数据库告警', steps } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: '数据库告警', isDefault: false, steps });
    const read = await t.app.inject({ method: 'GET', url: `${base}/${created.json().id}`, headers: lina.headers });
    expect(read.json()).toEqual(created.json());
    expect((await t.app.inject({ method: 'GET', url: base, headers: lina.headers })).json().items).toHaveLength(2);
    expect(await auditActions(t, admin.headers, 'oncall.policy_created')).toEqual([expect.objectContaining({ actorId: admin.userId, targetId: created.json().id })]);
    expect(await t.app.oncall.policy(created.json().id)).toEqual({ id: created.json().id, name: '数据库告警', steps });
  });

  it('steps out of order are refused naming body.steps.1.afterMinutes; an unknown target names its field', async () => {
    const t = await buildTestApp();
    const { admin } = await itPeople(t);
    const unordered = await t.app.inject({ method: 'POST', url: base, headers: admin.headers, payload: { name: 'x', steps: [{ afterMinutes: 5, notify: ['oncall_primary'] }, { afterMinutes: 5, notify: ['it_leads'] }] } });
    expect(unordered.statusCode).toBe(400);
    expect(problemOf(unordered).errors).toEqual([expect.objectContaining({ path: 'body.steps.1.afterMinutes' })]);
    const unknown = await t.app.inject({ method: 'POST', url: base, headers: admin.headers, payload: { name: 'x', steps: [{ afterMinutes: 0, notify: ['the_ceo'] }] } });
    expect(problemOf(unknown).errors?.[0]?.path).toBe('body.steps.0.notify.0');
    expect((await t.app.inject({ method: 'GET', url: base, headers: admin.headers })).json().items).toHaveLength(1);
  });

  it('PUT edits the steps (audited with before and after) and a new default replaces the old one', async () => {
    const t = await buildTestApp();
    const { admin } = await itPeople(t);
    const seeded = (await t.app.oncall.policy(null)).id;
    const id = (await t.app.inject({ method: 'POST', url: base, headers: admin.headers, payload: { name: '数据库告警', steps } })).json().id as string;
    const updated = await t.app.inject({ method: 'PUT', url: `${base}/${id}`, headers: admin.headers, payload: { name: '数据库告警', steps: steps.slice(0, 1), isDefault: true } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ isDefault: true, steps: steps.slice(0, 1) });
    expect((await t.app.oncall.policy(null)).id).toBe(id);
    expect((await t.app.inject({ method: 'GET', url: `${base}/${seeded}`, headers: admin.headers })).json().isDefault).toBe(false);
    const [entry] = await auditActions(t, admin.headers, 'oncall.policy_updated');
    expect(entry?.summary).toMatchObject({ steps: steps.slice(0, 1), before: { steps } });
  });

  it('S4: no login is 401, IT staff cannot write (403), employees cannot read (403); unknown ids are 404', async () => {
    const t = await buildTestApp();
    const { admin, lina, employee } = await itPeople(t);
    expect((await t.app.inject({ method: 'GET', url: base })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: base, headers: lina.headers, payload: { name: 'x', steps } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: base, headers: employee.headers })).statusCode).toBe(403);
    const missing = await t.app.inject({ method: 'GET', url: `${base}/00000000-0000-4000-8000-000000000000`, headers: admin.headers });
    expect(problemOf(missing)).toMatchObject({ status: 404, code: 'oncall.policy_not_found' });
    await expect(t.app.oncall.policy('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'oncall.policy_not_found' });
  });
});
