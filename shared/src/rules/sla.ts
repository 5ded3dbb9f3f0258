import type { Level, SlaSettings, SlaState } from '../tickets';

/** Working time: weekdays and hours in a fixed UTC offset (China has no daylight saving), minus holidays. */
export interface BusinessCalendar {
  utcOffsetMinutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  workdays: readonly number[];
  startMinute: number;
  endMinute: number;
  /** Local dates 'YYYY-MM-DD' that are not worked even on a workday. */
  holidays: readonly string[];
  /** Local dates that are worked even on a weekend (调休). */
  extraWorkdays: readonly string[];
}

export interface SlaTarget {
  responseMinutes: number;
  resolutionMinutes: number;
  /** Level 1 runs round the clock; the others count business hours only. */
  businessHoursOnly: boolean;
}

export const defaultCalendar: BusinessCalendar = {
  utcOffsetMinutes: 8 * 60,
  workdays: [1, 2, 3, 4, 5],
  startMinute: 9 * 60,
  endMinute: 18 * 60,
  holidays: [],
  extraWorkdays: [],
};

/** Defaults per level (DESIGN "Alert levels": level 1 at once, level 2 within 30 minutes). */
export const defaultSlaTargets: Record<Level, SlaTarget> = {
  1: { responseMinutes: 15, resolutionMinutes: 4 * 60, businessHoursOnly: false },
  2: { responseMinutes: 30, resolutionMinutes: 8 * 60, businessHoursOnly: true },
  3: { responseMinutes: 4 * 60, resolutionMinutes: 3 * 9 * 60, businessHoursOnly: true },
};

/** What a new installation starts with (GET /api/v1/ticket-sla-settings before IT edits anything). */
export const defaultSlaSettings: SlaSettings = {
  calendar: { ...defaultCalendar, workdays: [...defaultCalendar.workdays], holidays: [], extraWorkdays: [] },
  targets: { '1': defaultSlaTargets[1], '2': defaultSlaTargets[2], '3': defaultSlaTargets[3] },
};

/** The calendar the clock runs on, from the settings IT edits (named days become plain dates). */
export function businessCalendarOf(calendar: SlaSettings['calendar']): BusinessCalendar {
  return { ...calendar, holidays: calendar.holidays.map((day) => day.date), extraWorkdays: calendar.extraWorkdays.map((day) => day.date) };
}

/** A level's response and resolution due times for a ticket reported at `start`. */
export function dueTimes({ start, level, settings }: { start: Date; level: Level; settings: SlaSettings }): { responseDueAt: Date; resolutionDueAt: Date } {
  const target = settings.targets[String(level) as '1' | '2' | '3'];
  const calendar = businessCalendarOf(settings.calendar);
  const after = (minutes: number) => addWorkingMinutes({ start, minutes, calendar, businessHoursOnly: target.businessHoursOnly });
  return { responseDueAt: after(target.responseMinutes), resolutionDueAt: after(target.resolutionMinutes) };
}

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

function localDate(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 10);
}

function isWorkday(calendar: BusinessCalendar, localDayStartMs: number): boolean {
  const date = localDate(localDayStartMs);
  if (calendar.extraWorkdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  return calendar.workdays.includes(new Date(localDayStartMs).getUTCDay());
}

/** The moment `minutes` of working time after `start` have passed. */
export function addWorkingMinutes({ start, minutes, calendar, businessHoursOnly }: { start: Date; minutes: number; calendar: BusinessCalendar; businessHoursOnly: boolean }): Date {
  if (!businessHoursOnly) return new Date(start.getTime() + minutes * minuteMs);
  const offsetMs = calendar.utcOffsetMinutes * minuteMs;
  let local = start.getTime() + offsetMs;
  let remainingMs = minutes * minuteMs;
  for (let guard = 0; guard < 3660; guard += 1) {
    const dayStart = local - (((local % dayMs) + dayMs) % dayMs);
    const open = dayStart + calendar.startMinute * minuteMs;
    const close = dayStart + calendar.endMinute * minuteMs;
    if (isWorkday(calendar, dayStart) && local < close) {
      const from = Math.max(local, open);
      if (from + remainingMs <= close) return new Date(from + remainingMs - offsetMs);
      remainingMs -= close - from;
    }
    local = dayStart + dayMs;
  }
  throw new Error('No working time found within ten years: check the business calendar');
}

/** Where a clock stands: met (done in time), breached, due soon (last 20 % of its span) or ok. */
export function slaState({ startedAt, dueAt, doneAt, now, dueSoonFraction = 0.2 }: { startedAt: Date; dueAt: Date; doneAt: Date | null; now: Date; dueSoonFraction?: number }): SlaState {
  if (doneAt) return doneAt.getTime() <= dueAt.getTime() ? 'met' : 'breached';
  if (now.getTime() > dueAt.getTime()) return 'breached';
  const span = dueAt.getTime() - startedAt.getTime();
  return dueAt.getTime() - now.getTime() <= span * dueSoonFraction ? 'due_soon' : 'ok';
}

/** A reminder about one clock: 1 when it is due soon, 2 (escalation) once it is breached. */
export type SlaReminderStage = 1 | 2;

/**
 * Which reminder a clock owes now, given the last one sent (0 for none), or null. Each is sent once;
 * a clock first seen already breached skips straight to the escalation. A stopped clock owes nothing.
 */
export function slaReminderDue({ startedAt, dueAt, doneAt, now, sentStage }: { startedAt: Date; dueAt: Date; doneAt: Date | null; now: Date; sentStage: number }): SlaReminderStage | null {
  if (doneAt) return null;
  const state = slaState({ startedAt, dueAt, doneAt, now });
  const stage = state === 'breached' ? 2 : state === 'due_soon' ? 1 : 0;
  return stage > sentStage ? (stage as SlaReminderStage) : null;
}

/** What someone did to a ticket, as far as the response clock cares. */
export type TicketStep = 'transition' | 'assignment' | 'comment' | 'me_too' | 'record' | 'link';

/**
 * The response clock (rule F4: IT starts the fault process on receipt) stops at IT's first response:
 * the first time someone in IT acts on the ticket in a way the reporter sees — accepts it (in the app or
 * from the group card) or moves it otherwise, assigns it to a technician, or writes in its timeline.
 * A note the reporter writes on their own ticket is no response, even from an IT person; 同样问题,
 * fault-record edits and alert links are not either (the reporter hears nothing of them).
 */
export function countsAsResponse({ step, byIt, byReporter }: { step: TicketStep; byIt: boolean; byReporter: boolean }): boolean {
  if (!byIt) return false;
  if (step === 'comment') return !byReporter;
  return step === 'transition' || step === 'assignment';
}
