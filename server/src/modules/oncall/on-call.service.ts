import type { CalendarQuery, OnCallNow, OnCallPerson, Shift } from '@dingops/shared/oncall';
import { onCallSpans, whoIsOnCall } from '@dingops/shared/rules/on-call';
import type { Executor } from '../../db/client';
import { scheduleNotFound } from './oncall.errors';
import { isUuid, loadSchedules, overrideInput, requireSchedule, toPerson } from './schedules.shared';
import type { SchedulesDeps } from './schedules.types';

/** Who is on call: a schedule's calendar, everyone now, and whom alerts page (app.oncall). */
export function createOnCallLookup({ db, repo, clock, ready }: Omit<SchedulesDeps, 'audit'>) {
  return {
    /** Who is primary and secondary in each span of [from, to), split at handoffs and override edges. */
    async calendar({ id, query }: { id: string; query: CalendarQuery }): Promise<{ scheduleId: string; shifts: Shift[] }> {
      await ready();
      const span = { from: new Date(query.from), to: new Date(query.to) };
      const [loaded] = await loadSchedules(repo, [await requireSchedule(repo, id, db)], span, db);
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
      const loaded = await loadSchedules(repo, await repo.listSchedules(), { from: at, to: new Date(at.getTime() + 1) }, db);
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
     * transaction would wait for it forever (the demo seed is skipped then for the same reason).
     */
    async onCall({ scheduleId, at, tx = db }: { scheduleId?: string | null; at: Date; tx?: Executor }): Promise<{ primary: OnCallPerson[]; secondary: OnCallPerson[] }> {
      if (tx === db) await ready();
      // A schedule deleted or mistyped in a routing rule falls back to the default: paging someone beats paging nobody.
      const named = scheduleId && isUuid(scheduleId) ? await repo.findSchedule(scheduleId, tx) : null;
      const row = named ?? (await repo.findDefaultSchedule(tx)) ?? (await repo.listSchedules(tx))[0] ?? null;
      if (!row) return { primary: [], secondary: [] };
      const [loaded] = await loadSchedules(repo, [row], { from: at, to: new Date(at.getTime() + 1) }, tx);
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
