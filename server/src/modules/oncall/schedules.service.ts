import type { CalendarQuery, CreateOverrideBody, OnCallNow, OnCallPerson, Schedule, ScheduleBody, Shift } from '@dingops/shared/oncall';
import { onCallSpans, whoIsOnCall } from '@dingops/shared/rules/on-call';
import type { Db, Executor } from '../../db/client';
import type { AuditContext, AuditService } from '../../platform/audit/audit.service';
import { notItStaff, overrideNotFound, scheduleNotFound } from './oncall.errors';
import type { OncallRepository } from './oncall.repository';
import type { OverrideRow, ScheduleRow } from './oncall.table';
import { createScheduleViews, toPerson } from './schedules.views';

interface Deps {
  db: Db;
  repo: OncallRepository;
  audit: AuditService;
  clock: () => Date;
  /** Runs before any read or write: the step the start-up set to run before the first use, if any. */
  ready: () => Promise<void>;
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
const overrideInput = (row: OverrideRow) => ({ id: row.id, userId: row.userId, startsAt: row.startsAt, endsAt: row.endsAt, reason: row.reason });

/** Rule R3 least privilege: only active IT staff may be paged; names every offending field. */
async function assertItStaff(repo: OncallRepository, entries: { userId: string; path: string }[], tx: Executor) {
  const people = await repo.people(entries.map((entry) => entry.userId), tx);
  const bad = entries.filter(({ userId }) => !(people.get(userId)?.isActive && people.get(userId)?.isIt)).map((entry) => entry.path);
  if (bad.length > 0) throw notItStaff(bad);
}

export function createSchedulesService({ db, repo, audit, clock, ready }: Deps) {
  const { load, toSchedules } = createScheduleViews({ db, repo, clock });

  async function requireSchedule(id: string, tx: Executor = db): Promise<ScheduleRow> {
    const row = await repo.findSchedule(id, tx);
    if (!row) throw scheduleNotFound(id);
    return row;
  }

  async function save({ id, body, context }: { id: string | null; body: ScheduleBody; context: AuditContext }): Promise<Schedule> {
    await ready();
    return db.transaction(async (tx) => {
      await assertItStaff(repo, body.members.map((userId, index) => ({ userId, path: `body.members.${index}` })), tx);
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

    async addOverride({ scheduleId, body, actorId, context }: { scheduleId: string; body: CreateOverrideBody; actorId: string | null; context: AuditContext }): Promise<Schedule> {
      await ready();
      return db.transaction(async (tx) => {
        const row = await requireSchedule(scheduleId, tx);
        await assertItStaff(repo, [{ userId: body.userId, path: 'body.userId' }], tx);
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

    /** Who is primary and secondary in each span of [from, to), split at handoffs and override edges. */
    async calendar({ id, query }: { id: string; query: CalendarQuery }): Promise<{ scheduleId: string; shifts: Shift[] }> {
      await ready();
      const span = { from: new Date(query.from), to: new Date(query.to) };
      const [loaded] = await load([await requireSchedule(id)], span);
      if (!loaded) throw scheduleNotFound(id);
      const spans = onCallSpans({ rotation: loaded.rotation, overrides: loaded.overrides.map(overrideInput), ...span });
      const shifts = spans.map((item) => ({
        startsAt: item.startsAt.toISOString(),
        endsAt: item.endsAt.toISOString(),
        primary: loaded.personOf(item.primary),
        secondary: loaded.personOf(item.secondary),
        overrideId: item.override?.id ?? null,
        overrideReason: item.override?.reason ?? null,
      }));
      return { scheduleId: id, shifts };
    },

    async now(): Promise<OnCallNow> {
      await ready();
      const at = clock();
      const loaded = await load(await repo.listSchedules(), { from: at, to: new Date(at.getTime() + 1) });
      const items = loaded.map(({ row, rotation, overrides, personOf }) => {
        const onCall = whoIsOnCall({ rotation, overrides: overrides.map(overrideInput), at });
        return { scheduleId: row.id, scheduleName: row.name, isDefault: row.isDefault, primary: personOf(onCall.primary), secondary: personOf(onCall.secondary), overrideId: onCall.override?.id ?? null };
      });
      return { at: at.toISOString(), items };
    },

    /**
     * Who to page at `at` on a schedule (null or unknown: the default one). Lists, so a later rule can
     * page several people; suspended people are left out. No schedule at all → nobody, not an error.
     * A caller inside a transaction passes `tx`: PGlite has one connection, so a query beside an open
     * transaction would wait for it forever (the first-use step is skipped then for the same reason).
     */
    async onCall({ scheduleId, at, tx = db }: { scheduleId?: string | null; at: Date; tx?: Executor }): Promise<{ primary: OnCallPerson[]; secondary: OnCallPerson[] }> {
      if (tx === db) await ready();
      // A schedule deleted or mistyped in a routing rule falls back to the default: paging someone beats paging nobody.
      const named = scheduleId && isUuid(scheduleId) ? await repo.findSchedule(scheduleId, tx) : null;
      const row = named ?? (await repo.findDefaultSchedule(tx)) ?? (await repo.listSchedules(tx))[0] ?? null;
      if (!row) return { primary: [], secondary: [] };
      const [loaded] = await load([row], { from: at, to: new Date(at.getTime() + 1) }, tx);
      if (!loaded) return { primary: [], secondary: [] };
      const onCall = whoIsOnCall({ rotation: loaded.rotation, overrides: loaded.overrides.map(overrideInput), at });
      const people = await repo.people([onCall.primary, onCall.secondary].filter((id): id is string => id !== null), tx);
      const reachable = (id: string | null) => {
        const person = id ? people.get(id) : undefined;
        return person?.isActive ? [toPerson(person)] : [];
      };
      return { primary: reachable(onCall.primary), secondary: reachable(onCall.secondary) };
    },
  };
}

export type SchedulesService = ReturnType<typeof createSchedulesService>;
