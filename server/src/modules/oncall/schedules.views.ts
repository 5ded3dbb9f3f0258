import type { OnCallPerson, Override, Schedule, WeeklyRotation } from '@dingops/shared/oncall';
import type { Db, Executor } from '../../db/client';
import type { OncallRepository, PersonRow } from './oncall.repository';
import type { OverrideRow, ScheduleRow } from './oncall.table';

// Schedules as the API answers them, from their rows: rotation, overrides and the people named.

export const toPerson = (person: PersonRow): OnCallPerson => ({ userId: person.userId, dingtalkUserId: person.dingtalkUserId, name: person.name });
const rotationOf = (row: ScheduleRow, members: string[]): WeeklyRotation => ({ members, handoffWeekday: row.handoffWeekday, handoffTime: row.handoffTime, startDate: row.startDate });

function toOverride(row: OverrideRow, personOf: (id: string) => OnCallPerson | null): Override {
  const user = personOf(row.userId) ?? { userId: row.userId, dingtalkUserId: '', name: '' };
  return { id: row.id, user, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), reason: row.reason, createdAt: row.createdAt.toISOString() };
}

export function createScheduleViews({ db, repo, clock }: { db: Db; repo: OncallRepository; clock: () => Date }) {
  /** Everything a schedule's answers need: rotation, overrides in the span and the people named. */
  async function load(rows: ScheduleRow[], span: { from: Date; to: Date | null }, tx: Executor = db) {
    const ids = rows.map((row) => row.id);
    const members = await repo.membersOf(ids, tx);
    const overrides = await repo.overridesOf(ids, span, tx);
    const people = await repo.people([...new Set([...[...members.values()].flat(), ...overrides.map((override) => override.userId)])], tx);
    const personOf = (userId: string | null) => {
      const person = userId ? people.get(userId) : undefined;
      return person ? toPerson(person) : null;
    };
    return rows.map((row) => ({ row, rotation: rotationOf(row, members.get(row.id) ?? []), overrides: overrides.filter((override) => override.scheduleId === row.id), personOf }));
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

  return { load, toSchedules };
}
