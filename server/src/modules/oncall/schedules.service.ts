import type { CreateOverrideBody, OnCallPerson, Override, Schedule, ScheduleBody } from '@dingops/shared/oncall';
import type { Executor } from '../../db/client';
import type { AuditContext } from '../../platform/audit/audit.service';
import { createOnCallLookup } from './on-call.service';
import { notItStaff, overrideNotFound } from './oncall.errors';
import type { OverrideRow, ScheduleRow } from './oncall.table';
import { loadSchedules, requireSchedule as requireScheduleOf } from './schedules.shared';
import type { SchedulesDeps } from './schedules.types';

export function createSchedulesService({ db, repo, audit, clock, ready }: SchedulesDeps) {
  const load = (rows: ScheduleRow[], span: { from: Date; to: Date | null }, tx: Executor = db) => loadSchedules(repo, rows, span, tx);
  const requireSchedule = (id: string, tx: Executor = db) => requireScheduleOf(repo, id, tx);

  function toOverride(row: OverrideRow, personOf: (id: string) => OnCallPerson | null): Override {
    const user = personOf(row.userId) ?? { userId: row.userId, dingtalkUserId: '', name: '' };
    return { id: row.id, user, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), reason: row.reason, createdAt: row.createdAt.toISOString() };
  }

  async function toSchedules(rows: ScheduleRow[], tx: Executor = db): Promise<Schedule[]> {
    // Overrides already over are history, not schedule: the calendar still shows them in their span.
    const now = clock();
    const loaded = await load(rows, { from: now, to: null }, tx);
    return loaded.map(({ row, rotation, overrides, personOf }) => ({
      id: row.id,
      name: row.name,
      isDefault: row.isDefault,
      rotation,
      members: rotation.members.flatMap((id) => personOf(id) ?? []),
      overrides: overrides.map((override) => toOverride(override, personOf)),
      updatedAt: row.updatedAt.toISOString(),
    }));
  }

  /** Rule R3 least privilege: only active IT staff may be paged; names every offending field. */
  async function assertItStaff(entries: { userId: string; path: string }[], tx: Executor) {
    const people = await repo.people(entries.map((entry) => entry.userId), tx);
    const bad = entries.filter(({ userId }) => !(people.get(userId)?.isActive && people.get(userId)?.isIt)).map((entry) => entry.path);
    if (bad.length > 0) throw notItStaff(bad);
  }

  async function save({ id, body, context }: { id: string | null; body: ScheduleBody; context: AuditContext }): Promise<Schedule> {
    await ready();
    return db.transaction(async (tx) => {
      await assertItStaff(body.members.map((userId, index) => ({ userId, path: `body.members.${index}` })), tx);
      if (id) await requireSchedule(id, tx);
      if (body.isDefault) await repo.clearDefaultSchedule(tx);
      const now = clock();
      const values = { name: body.name, handoffWeekday: body.handoffWeekday, handoffTime: body.handoffTime, startDate: body.startDate, updatedAt: now, ...(body.isDefault === undefined ? {} : { isDefault: body.isDefault }) };
      const row = id ? ((await repo.updateSchedule(id, values, tx)) as ScheduleRow) : await repo.insertSchedule({ ...values, createdAt: now }, tx);
      await repo.replaceMembers(row.id, body.members, tx);
      const action = id ? 'oncall.schedule_updated' : 'oncall.schedule_created';
      await audit.record(context, { action, target: { type: 'oncall_schedule', id: row.id }, summary: { name: body.name, members: body.members, handoffWeekday: body.handoffWeekday, handoffTime: body.handoffTime, startDate: body.startDate, isDefault: row.isDefault } }, tx);
      const [schedule] = await toSchedules([row], tx);
      return schedule as Schedule;
    });
  }

  return {
    async list(): Promise<{ items: Schedule[] }> {
      await ready();
      return { items: await toSchedules(await repo.listSchedules()) };
    },

    async get(id: string): Promise<Schedule> {
      await ready();
      const [schedule] = await toSchedules([await requireSchedule(id)]);
      return schedule as Schedule;
    },

    create: (input: { body: ScheduleBody; context: AuditContext }) => save({ id: null, ...input }),
    update: (input: { id: string; body: ScheduleBody; context: AuditContext }) => save(input),
    ...createOnCallLookup({ db, repo, clock, ready }),

    async addOverride({ scheduleId, body, actorId, context }: { scheduleId: string; body: CreateOverrideBody; actorId: string | null; context: AuditContext }): Promise<Schedule> {
      await ready();
      return db.transaction(async (tx) => {
        const row = await requireSchedule(scheduleId, tx);
        await assertItStaff([{ userId: body.userId, path: 'body.userId' }], tx);
        const override = await repo.insertOverride({ scheduleId, userId: body.userId, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt), reason: body.reason, createdBy: actorId, createdAt: clock() }, tx);
        await audit.record(context, { action: 'oncall.override_created', target: { type: 'oncall_schedule', id: scheduleId }, summary: { overrideId: override.id, userId: body.userId, startsAt: body.startsAt, endsAt: body.endsAt, reason: body.reason } }, tx);
        const [schedule] = await toSchedules([row], tx);
        return schedule as Schedule;
      });
    },

    async removeOverride({ scheduleId, overrideId, context }: { scheduleId: string; overrideId: string; context: AuditContext }): Promise<void> {
      await ready();
      await db.transaction(async (tx) => {
        await requireSchedule(scheduleId, tx);
        const removed = await repo.deleteOverride({ scheduleId, overrideId }, tx);
        if (!removed) throw overrideNotFound(overrideId);
        await audit.record(context, { action: 'oncall.override_deleted', target: { type: 'oncall_schedule', id: scheduleId }, summary: { overrideId, userId: removed.userId, startsAt: removed.startsAt.toISOString(), endsAt: removed.endsAt.toISOString() } }, tx);
      });
    },

  };
}

export type SchedulesService = ReturnType<typeof createSchedulesService>;
