import { slaSettingsSchema, type SlaSettings } from '@dingops/shared/tickets';
import type { Problem } from '@dingops/shared/problem';
import type { MessageKey } from '../../../lib/i18n';

export const levels = ['1', '2', '3'] as const;
export type LevelKey = (typeof levels)[number];
export type CalendarDay = SlaSettings['calendar']['holidays'][number];
export type TargetDraft = { responseMinutes: string; resolutionMinutes: string; businessHoursOnly: boolean };

/** The form's state: numbers as typed (strings), times as "HH:mm". */
export type SlaDraft = {
  utcOffsetMinutes: number;
  workdays: number[];
  start: string;
  end: string;
  holidays: CalendarDay[];
  extraWorkdays: CalendarDay[];
  targets: Record<LevelKey, TargetDraft>;
};

/** Where an error shows: a target's field (`targets.1.responseMinutes`) or a calendar part (`calendar.holidays`). */
export type SlaErrors = Record<string, MessageKey>;

/** Monday first, as Chinese calendars print the week; values are the schema's 0 = Sunday … 6 = Saturday. */
export const weekdaysMondayFirst = [1, 2, 3, 4, 5, 6, 0] as const;

const pad = (value: number) => String(value).padStart(2, '0');

/** 540 → "09:00"; the end of the day (1440) shows as "00:00", which `timeToMinutes` reads back as 1440 for the end. */
export function minutesToTime(minutes: number): string {
  const inDay = minutes % 1440;
  return `${pad(Math.floor(inDay / 60))}:${pad(inDay % 60)}`;
}

export function timeToMinutes(time: string, { isEnd = false } = {}): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return Number.NaN;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return isEnd && minutes === 0 ? 1440 : minutes;
}

export function draftOf(settings: SlaSettings): SlaDraft {
  const { calendar, targets } = settings;
  const target = (level: LevelKey): TargetDraft => ({
    responseMinutes: String(targets[level].responseMinutes),
    resolutionMinutes: String(targets[level].resolutionMinutes),
    businessHoursOnly: targets[level].businessHoursOnly,
  });
  return {
    utcOffsetMinutes: calendar.utcOffsetMinutes,
    workdays: [...calendar.workdays],
    start: minutesToTime(calendar.startMinute),
    end: minutesToTime(calendar.endMinute),
    holidays: sortDays(calendar.holidays),
    extraWorkdays: sortDays(calendar.extraWorkdays),
    targets: { '1': target('1'), '2': target('2'), '3': target('3') },
  };
}

export function sortDays(days: readonly CalendarDay[]): CalendarDay[] {
  return [...days].sort((a, b) => a.date.localeCompare(b.date));
}

const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

function errorKeyOf(path: readonly PropertyKey[]): string {
  const parts = path.map(String).filter((part) => part !== 'body');
  return parts[0] === 'targets' ? parts.slice(0, 3).join('.') : parts.slice(0, 2).join('.');
}

function messageFor(key: string): MessageKey {
  if (key.startsWith('targets.')) return 'settings.invalid.minutes';
  if (key === 'calendar.workdays') return 'settings.invalid.workdays';
  if (key === 'calendar.startMinute' || key === 'calendar.endMinute') return 'settings.invalid.hours';
  if (key === 'calendar.holidays' || key === 'calendar.extraWorkdays') return 'settings.invalid.days';
  return 'error.badRequest';
}

function collect(paths: readonly (readonly PropertyKey[])[]): SlaErrors {
  const errors: SlaErrors = {};
  for (const path of paths) {
    const key = errorKeyOf(path);
    errors[key] ??= messageFor(key);
  }
  return errors;
}

/** The settings to PUT, or errors keyed by where they show (the server checks the same schema). */
export function checkSlaDraft(draft: SlaDraft): { settings: SlaSettings; errors: null } | { settings: null; errors: SlaErrors } {
  const target = (level: LevelKey) => ({
    responseMinutes: toNumber(draft.targets[level].responseMinutes),
    resolutionMinutes: toNumber(draft.targets[level].resolutionMinutes),
    businessHoursOnly: draft.targets[level].businessHoursOnly,
  });
  const parsed = slaSettingsSchema.safeParse({
    calendar: {
      utcOffsetMinutes: draft.utcOffsetMinutes,
      workdays: [...draft.workdays].sort((a, b) => a - b),
      startMinute: timeToMinutes(draft.start),
      endMinute: timeToMinutes(draft.end, { isEnd: true }),
      holidays: draft.holidays,
      extraWorkdays: draft.extraWorkdays,
    },
    targets: { '1': target('1'), '2': target('2'), '3': target('3') },
  });
  if (parsed.success) return { settings: parsed.data, errors: null };
  return { settings: null, errors: collect(parsed.error.issues.map((issue) => issue.path)) };
}

/** A 400's problem+json errors (`body.targets.1.responseMinutes`, `body.calendar.endMinute`) keyed like `checkSlaDraft`'s. */
export function slaErrorsFromProblem(problem: Problem | null): SlaErrors {
  return collect((problem?.errors ?? []).map(({ path }) => path.split('.')));
}
