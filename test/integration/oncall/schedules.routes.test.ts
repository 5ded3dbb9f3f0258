import { describe, expect, it } from 'vitest';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';
import { auditActions, itPeople, weekly } from './support';

const base = '/api/v1/oncall/schedules';

async function newSchedule(t: TestApp, headers: Record<string, string>, members: string[], extra: Record<string, unknown> = {}) {
  return t.app.inject({ method: 'POST', url: base, headers, payload: { name: '网络值班', members, ...weekly, ...extra } });
}

describe('/api/v1/oncall/schedules', { timeout: 120_000 }, () => {
  it('F4, S4: an IT admin creates a rotation; IT staff read it; the change is audited', async () => {
    const t = await buildTestApp();
    const { admin, lina, sunyue } = await itPeople(t);
    const created = await newSchedule(t, admin.headers, [lina.userId, sunyue.userId]);
    expect(created.statusCode).toBe(201);
    const schedule = created.json();
    expect(schedule).toMatchObject({ name: '网络值班', isDefault: false, rotation: { members: [lina.userId, sunyue.userId], ...weekly }, members: [{ name: '李娜' }, { name: '孙悦' }], overrides: [] });

    const read = await t.app.inject({ method: 'GET', url: `${base}/${schedule.id}`, headers: lina.headers });
    expect(read.json()).toEqual(schedule);
    const listed = (await t.app.inject({ method: 'GET', url: base, headers: lina.headers })).json();
    expect(listed.items.map((item: { name: string }) => item.name)).toEqual(['IT 值班', '网络值班']);
    expect(await auditActions(t, admin.headers, 'oncall.schedule_created')).toEqual([expect.objectContaining({ actorId: admin.userId, targetId: schedule.id, summary: expect.objectContaining({ members: [lina.userId, sunyue.userId] }) })]);
  });

  it('R3: a member who is not IT staff is refused naming body.members.1, and nothing is written', async () => {
    const t = await buildTestApp();
    const { admin, lina, employee } = await itPeople(t);
    const response = await newSchedule(t, admin.headers, [lina.userId, employee.userId]);
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({ code: 'oncall.not_it_staff', errors: [{ path: 'body.members.1' }] });
    expect((await t.app.inject({ method: 'GET', url: base, headers: admin.headers })).json().items).toHaveLength(1);
    expect(await auditActions(t, admin.headers, 'oncall.schedule_created')).toEqual([]);
  });

  it('bad input names the field: handoff time, weekday, unknown user id', async () => {
    const t = await buildTestApp();
    const { admin, lina } = await itPeople(t);
    expect(problemOf(await newSchedule(t, admin.headers, [lina.userId], { handoffTime: '25:00' })).errors).toEqual([expect.objectContaining({ path: 'body.handoffTime' })]);
    expect(problemOf(await newSchedule(t, admin.headers, [lina.userId], { handoffWeekday: 7 })).errors).toEqual([expect.objectContaining({ path: 'body.handoffWeekday' })]);
    const ghost = await newSchedule(t, admin.headers, [lina.userId, '00000000-0000-4000-8000-000000000000']);
    expect(ghost.statusCode).toBe(400);
    expect(problemOf(ghost).errors).toEqual([expect.objectContaining({ path: 'body.members.1' })]);
  });

  it('S4: no login is 401; IT staff may read but not write (403); employees may not read', async () => {
    const t = await buildTestApp();
    const { lina, employee } = await itPeople(t);
    expect((await t.app.inject({ method: 'GET', url: base })).statusCode).toBe(401);
    expect((await newSchedule(t, lina.headers, [lina.userId])).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: base, headers: employee.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/oncall/now', headers: employee.headers })).statusCode).toBe(403);
  });

  it('PUT changes the rotation and can make it the default, which app.oncall then uses', async () => {
    const t = await buildTestApp();
    const { admin, lina, sunyue } = await itPeople(t);
    const id = (await newSchedule(t, admin.headers, [lina.userId])).json().id as string;
    const updated = await t.app.inject({ method: 'PUT', url: `${base}/${id}`, headers: admin.headers, payload: { name: '网络值班', members: [sunyue.userId, lina.userId], ...weekly, isDefault: true } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ isDefault: true, members: [{ name: '孙悦' }, { name: '李娜' }] });
    const now = (await t.app.inject({ method: 'GET', url: '/api/v1/oncall/now', headers: lina.headers })).json();
    expect(now.items.map((item: { scheduleName: string; isDefault: boolean }) => [item.scheduleName, item.isDefault])).toEqual([
      ['网络值班', true],
      ['IT 值班', false],
    ]);
    expect(await t.app.oncall.onCall({ scheduleId: null, at: t.clock.now() })).toMatchObject({ primary: [{ name: '孙悦' }], secondary: [{ name: '李娜' }] });
    expect(await auditActions(t, admin.headers, 'oncall.schedule_updated')).toHaveLength(1);
  });

  it('an unknown schedule is 404 problem+json; a malformed id is 400 naming params.id', async () => {
    const t = await buildTestApp();
    const { admin, lina } = await itPeople(t);
    const missing = await t.app.inject({ method: 'PUT', url: `${base}/00000000-0000-4000-8000-000000000000`, headers: admin.headers, payload: { name: 'x', members: [lina.userId], ...weekly } });
    expect(missing.statusCode).toBe(404);
    expect(problemOf(missing).code).toBe('oncall.schedule_not_found');
    expect(problemOf(await t.app.inject({ method: 'GET', url: `${base}/nope`, headers: admin.headers })).errors).toEqual([expect.objectContaining({ path: 'params.id' })]);
  });
});
