import type { OnCallPerson, WeeklyRotation } from '@dingops/shared/oncall';
import type { Executor } from '../../db/client';
import { scheduleNotFound } from './oncall.errors';
import type { OncallRepository, PersonRow } from './oncall.repository';
import type { OverrideRow, ScheduleRow } from './oncall.table';

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
export const toPerson = (person: PersonRow): OnCallPerson => ({ userId: person.userId, dingtalkUserId: person.dingtalkUserId, name: person.name });
const rotationOf = (row: ScheduleRow, members: string[]): WeeklyRotation => ({ members, handoffWeekday: row.handoffWeekday, handoffTime: row.handoffTime, startDate: row.startDate });
export const overrideInput = (row: OverrideRow) => ({ id: row.id, userId: row.userId, startsAt: row.startsAt, endsAt: row.endsAt, reason: row.reason });

/** Everything a schedule's answers need: rotation, overrides in the span and the people named. */
export async function loadSchedules(repo: OncallRepository, rows: ScheduleRow[], span: { from: Date; to: Date | null }, tx: Executor) {
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

export async function requireSchedule(repo: OncallRepository, id: string, tx: Executor): Promise<ScheduleRow> {
  const row = await repo.findSchedule(id, tx);
  if (!row) throw scheduleNotFound(id);
  return row;
}
