import { describe, expect, it } from 'vitest';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';
import { auditActions, itPeople } from './support';

const hour = 3_600_000;

async function demoScheduleId(t: TestApp, headers: Record<string, string>) {
  return (await t.app.inject({ method: 'GET', url: '/api/v1/oncall/schedules', headers })).json().items[0].id as string;
}

describe('/api/v1/oncall/schedules/:id/overrides and calendar', { timeout: 120_000 }, () => {
  it('F4: an override puts someone else on call for its span, then the rotation resumes (fake clock)', async () => {
    const t = await buildTestApp();
    const { admin, sunyue } = await itPeople(t);
    const id = await demoScheduleId(t, admin.headers);
    const start = t.clock.now();
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/oncall/schedules/${id}/overrides`,
      headers: admin.headers,
      payload: { userId: sunyue.userId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * hour).toISOString(), reason: '陈刚 去医院' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().overrides).toEqual([expect.objectContaining({ user: expect.objectContaining({ name: '孙悦' }), reason: '陈刚 去医院' })]);

    expect(await t.app.oncall.onCall({ scheduleId: id, at: t.clock.now() })).toMatchObject({ primary: [{ name: '孙悦' }], secondary: [{ name: '李娜' }] });
    // Callers inside a transaction (the alerts pipeline) get the same answer on their own connection.
    const inTx = await t.app.deps.database.db.transaction((tx) => t.app.oncall.onCall({ scheduleId: id, at: t.clock.now(), tx }));
    expect(inTx.primary.map((person) => person.name)).toEqual(['孙悦']);
    t.clock.advance(2 * hour);
    expect(await t.app.oncall.onCall({ scheduleId: id, at: t.clock.now() })).toMatchObject({ primary: [{ name: '陈刚' }], secondary: [{ name: '李娜' }] });
    expect(await auditActions(t, admin.headers, 'oncall.override_created')).toEqual([expect.objectContaining({ actorId: admin.userId, summary: expect.objectContaining({ userId: sunyue.userId }) })]);
  });

  it('the calendar shows each span with primary and secondary and marks the override', async () => {
    const t = await buildTestApp();
    const { admin, lina, sunyue } = await itPeople(t);
    const id = await demoScheduleId(t, admin.headers);
    const override = { userId: sunyue.userId, startsAt: '2026-11-29T01:00:00Z', endsAt: '2026-11-29T13:00:00Z', reason: '换班' };
    const overrideId = (await t.app.inject({ method: 'POST', url: `/api/v1/oncall/schedules/${id}/overrides`, headers: admin.headers, payload: override })).json().overrides[0].id;
    const from = '2026-11-28T16:00:00Z';
    const to = '2026-12-07T16:00:00Z';
    const calendar = await t.app.inject({ method: 'GET', url: `/api/v1/oncall/schedules/${id}/calendar?from=${from}&to=${to}`, headers: lina.headers });
    expect(calendar.statusCode).toBe(200);
    const shifts = calendar.json().shifts.map((shift: { startsAt: string; primary: { name: string }; secondary: { name: string }; overrideId: string | null }) => [shift.startsAt, shift.primary.name, shift.secondary.name, shift.overrideId]);
    expect(shifts).toEqual([
      ['2026-11-28T16:00:00.000Z', '陈刚', '李娜', null],
      ['2026-11-29T01:00:00.000Z', '孙悦', '李娜', overrideId],
      ['2026-11-29T13:00:00.000Z', '陈刚', '李娜', null],
      ['2026-11-30T01:00:00.000Z', '李娜', '孙悦', null],
      ['2026-12-07T01:00:00.000Z', '孙悦', '陈刚', null],
    ]);
  });

  it('bad input names the field: end before start, a person who is not IT, a calendar running backwards', async () => {
    const t = await buildTestApp();
    const { admin, employee, sunyue } = await itPeople(t);
    const id = await demoScheduleId(t, admin.headers);
    const url = `/api/v1/oncall/schedules/${id}/overrides`;
    const backwards = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: { userId: sunyue.userId, startsAt: '2026-11-29T01:00:00Z', endsAt: '2026-11-29T00:00:00Z', reason: 'x' } });
    expect(problemOf(backwards).errors).toEqual([expect.objectContaining({ path: 'body.endsAt' })]);
    const notIt = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: { userId: employee.userId, startsAt: '2026-11-29T01:00:00Z', endsAt: '2026-11-29T02:00:00Z', reason: 'x' } });
    expect(problemOf(notIt)).toMatchObject({ status: 400, errors: [{ path: 'body.userId' }] });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/oncall/schedules/${id}`, headers: admin.headers })).json().overrides).toEqual([]);
    const calendar = await t.app.inject({ method: 'GET', url: `/api/v1/oncall/schedules/${id}/calendar?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z`, headers: admin.headers });
    expect(problemOf(calendar).errors).toEqual([expect.objectContaining({ path: 'querystring.to' })]);
  });

  it('S4: overrides are for IT admins only; no login is 401', async () => {
    const t = await buildTestApp();
    const { admin, lina } = await itPeople(t);
    const id = await demoScheduleId(t, admin.headers);
    const payload = { userId: lina.userId, startsAt: '2026-11-29T01:00:00Z', endsAt: '2026-11-29T02:00:00Z', reason: 'x' };
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/oncall/schedules/${id}/overrides`, payload })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/oncall/schedules/${id}/overrides`, headers: lina.headers, payload })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/oncall/schedules/${id}/overrides/00000000-0000-4000-8000-000000000000`, headers: lina.headers })).statusCode).toBe(403);
  });

  it('deleting an override restores the rotation, is audited, and a second delete is 404', async () => {
    const t = await buildTestApp();
    const { admin, sunyue } = await itPeople(t);
    const id = await demoScheduleId(t, admin.headers);
    const start = t.clock.now();
    const payload = { userId: sunyue.userId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + hour).toISOString(), reason: '临时' };
    const overrideId = (await t.app.inject({ method: 'POST', url: `/api/v1/oncall/schedules/${id}/overrides`, headers: admin.headers, payload })).json().overrides[0].id;
    const url = `/api/v1/oncall/schedules/${id}/overrides/${overrideId}`;
    expect((await t.app.inject({ method: 'DELETE', url, headers: admin.headers })).statusCode).toBe(204);
    expect((await t.app.oncall.onCall({ scheduleId: id, at: t.clock.now() })).primary.map((person) => person.name)).toEqual(['陈刚']);
    expect(await auditActions(t, admin.headers, 'oncall.override_deleted')).toEqual([expect.objectContaining({ summary: expect.objectContaining({ overrideId }) })]);
    const again = await t.app.inject({ method: 'DELETE', url, headers: admin.headers });
    expect(again.statusCode).toBe(404);
    expect(problemOf(again).code).toBe('oncall.override_not_found');
  });
});
