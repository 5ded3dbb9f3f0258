import type { Schedule, Shift } from '@dingops/shared/oncall';
import { useLoaded } from '../../../hooks/use-loaded';
import { getCalendar } from '../api/get-calendar';
import { listSchedules } from '../api/list-schedules';
import { twoWeeksFrom } from '../utils/calendar-days';

export type OnCallCalendar = { schedules: Schedule[]; schedule: Schedule | null; shifts: Shift[]; from: Date; to: Date };

/** The schedules and, for the chosen one (default: the first, i.e. the default schedule), this week and next. */
export function useOncallCalendar(scheduleId: string | null) {
  return useLoaded<OnCallCalendar>(async (signal) => {
    const { from, to } = twoWeeksFrom(new Date());
    const schedules = await listSchedules(signal);
    const schedule = schedules.find((item) => item.id === scheduleId) ?? schedules[0] ?? null;
    const shifts = schedule ? await getCalendar({ scheduleId: schedule.id, from, to, signal }) : [];
    return { schedules, schedule, shifts, from, to };
  }, scheduleId ?? '');
}
