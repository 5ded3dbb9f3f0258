import type { Shift } from '@dingops/shared/oncall';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** Rotations are kept in Beijing time (no daylight saving), whatever the phone's own zone. */
const beijingOffsetMs = 8 * hourMs;

/** Monday 00:00 Beijing of the week containing `now`, and two weeks on. */
export function twoWeeksFrom(now: Date): { from: Date; to: Date } {
  const local = now.getTime() + beijingOffsetMs;
  const dayStart = local - (local % dayMs);
  const weekday = new Date(dayStart).getUTCDay();
  const monday = dayStart - ((weekday + 6) % 7) * dayMs;
  return { from: new Date(monday - beijingOffsetMs), to: new Date(monday - beijingOffsetMs + 14 * dayMs) };
}

export type DayEntry = Shift & {
  /** Beijing 'HH:MM' when the span starts or ends inside the day, else null. */
  fromTime: string | null;
  toTime: string | null;
};

export type CalendarDay = { date: string; weekday: number; isToday: boolean; entries: DayEntry[] };

const localTime = (ms: number) => new Date(ms + beijingOffsetMs).toISOString().slice(11, 16);

/** One row per day of [from, to), each listing the spans that overlap it. */
export function calendarDays({ shifts, from, to, now }: { shifts: readonly Shift[]; from: Date; to: Date; now: Date }): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let start = from.getTime(); start < to.getTime(); start += dayMs) {
    const end = start + dayMs;
    const entries = shifts.flatMap((shift) => {
      const shiftStart = Date.parse(shift.startsAt);
      const shiftEnd = Date.parse(shift.endsAt);
      if (shiftEnd <= start || shiftStart >= end) return [];
      return [{ ...shift, fromTime: shiftStart > start ? localTime(shiftStart) : null, toTime: shiftEnd < end ? localTime(shiftEnd) : null }];
    });
    const local = new Date(start + beijingOffsetMs);
    days.push({ date: local.toISOString().slice(0, 10), weekday: local.getUTCDay(), isToday: now.getTime() >= start && now.getTime() < end, entries });
  }
  return days;
}

/** A `datetime-local` value read as Beijing time, as ISO with its offset. */
export const beijingInputToIso = (value: string) => `${value}:00+08:00`;

/** Now in Beijing time as a `datetime-local` value, rounded down to the minute. */
export const beijingInputNow = (now: Date, plusHours = 0) => new Date(now.getTime() + beijingOffsetMs + plusHours * hourMs).toISOString().slice(0, 16);

/** '11-28 16:00' in Beijing time, for override spans. */
export const beijingShort = (iso: string) => new Date(Date.parse(iso) + beijingOffsetMs).toISOString().slice(5, 16).replace('T', ' ');
