import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, countsAsResponse, defaultCalendar, defaultSlaSettings, dueTimes, slaReminderDue, slaState } from './sla';

// Times in UTC; Beijing is UTC+8. 2026-11-27 is a Friday.
const at = (iso: string) => new Date(iso);
const calendar = { ...defaultCalendar, holidays: ['2026-11-30'] };

describe('SLA clocks across business hours (rule P3)', () => {
  it('level 1 counts round the clock', () => {
    expect(addWorkingMinutes({ start: at('2026-11-27T14:00:00Z'), minutes: 15, calendar, businessHoursOnly: false })).toEqual(at('2026-11-27T14:15:00Z'));
  });

  it('within one working day the clock simply runs', () => {
    // Friday 10:00 Beijing + 30 min
    expect(addWorkingMinutes({ start: at('2026-11-27T02:00:00Z'), minutes: 30, calendar, businessHoursOnly: true })).toEqual(at('2026-11-27T02:30:00Z'));
  });

  it('a report after hours starts counting at the next opening', () => {
    // Thursday 20:00 Beijing → Friday 09:30 Beijing
    expect(addWorkingMinutes({ start: at('2026-11-26T12:00:00Z'), minutes: 30, calendar, businessHoursOnly: true })).toEqual(at('2026-11-27T01:30:00Z'));
  });

  it('the weekend and a holiday are skipped', () => {
    // Friday 17:30 Beijing + 60 min: 30 min on Friday, Saturday, Sunday and Monday (holiday) skipped, 30 min on Tuesday → 09:30
    expect(addWorkingMinutes({ start: at('2026-11-27T09:30:00Z'), minutes: 60, calendar, businessHoursOnly: true })).toEqual(at('2026-12-01T01:30:00Z'));
  });

  it('a weekend make-up workday (调休) is worked', () => {
    const withMakeUp = { ...calendar, extraWorkdays: ['2026-11-28'] };
    expect(addWorkingMinutes({ start: at('2026-11-27T09:30:00Z'), minutes: 60, calendar: withMakeUp, businessHoursOnly: true })).toEqual(at('2026-11-28T01:30:00Z'));
  });

  it('the state is ok, then due soon in the last fifth, then breached; a done clock is met or breached', () => {
    const startedAt = at('2026-11-27T02:00:00Z');
    const dueAt = at('2026-11-27T03:00:00Z');
    expect(slaState({ startedAt, dueAt, doneAt: null, now: at('2026-11-27T02:30:00Z') })).toBe('ok');
    expect(slaState({ startedAt, dueAt, doneAt: null, now: at('2026-11-27T02:50:00Z') })).toBe('due_soon');
    expect(slaState({ startedAt, dueAt, doneAt: null, now: at('2026-11-27T03:00:01Z') })).toBe('breached');
    expect(slaState({ startedAt, dueAt, doneAt: at('2026-11-27T02:59:00Z'), now: at('2026-11-28T00:00:00Z') })).toBe('met');
    expect(slaState({ startedAt, dueAt, doneAt: at('2026-11-27T03:30:00Z'), now: at('2026-11-28T00:00:00Z') })).toBe('breached');
  });

  it('F4: due times follow the configured holidays (法定节假日) and make-up days (调休)', () => {
    const settings = {
      ...defaultSlaSettings,
      calendar: { ...defaultSlaSettings.calendar, holidays: [{ date: '2026-12-31', name: '元旦' }, { date: '2027-01-01', name: '元旦' }], extraWorkdays: [{ date: '2027-01-02', name: '元旦调休' }] },
    };
    // Wednesday 30 December, 17:30 local: 30 minutes left that day, then the holidays, then the Saturday make-up day.
    const due = dueTimes({ start: at('2026-12-30T09:30:00Z'), level: 2, settings });
    expect(due.responseDueAt.toISOString()).toBe('2026-12-30T10:00:00.000Z');
    expect(due.resolutionDueAt.toISOString()).toBe('2027-01-02T08:30:00.000Z');
  });
});

describe('SLA reminders and the first response (rules F4, P3)', () => {
  const startedAt = at('2026-11-27T02:00:00Z');
  const dueAt = at('2026-11-27T02:15:00Z');
  const reminder = (minutes: number, sentStage: number, doneAt: Date | null = null) =>
    slaReminderDue({ startedAt, dueAt, doneAt, now: new Date(startedAt.getTime() + minutes * 60_000), sentStage });

  it('P3: nothing while the clock has time, a reminder in its last fifth, an escalation once breached, each once', () => {
    expect(reminder(11, 0)).toBeNull();
    expect(reminder(12.5, 0)).toBe(1);
    expect(reminder(13, 1)).toBeNull();
    expect(reminder(15.5, 1)).toBe(2);
    expect(reminder(20, 2)).toBeNull();
  });

  it('P3: a clock first seen breached escalates at once; a stopped clock owes nothing', () => {
    expect(reminder(40, 0)).toBe(2);
    expect(reminder(40, 0, at('2026-11-27T02:05:00Z'))).toBeNull();
  });

  it('F4: IT accepting, moving, assigning or writing in the timeline is the first response; the reporter, 同样问题, record edits and links are not', () => {
    for (const step of ['transition', 'assignment', 'comment'] as const) expect(countsAsResponse({ step, byIt: true, byReporter: false }), step).toBe(true);
    for (const step of ['me_too', 'record', 'link'] as const) expect(countsAsResponse({ step, byIt: true, byReporter: false }), step).toBe(false);
    expect(countsAsResponse({ step: 'comment', byIt: false, byReporter: true })).toBe(false);
    expect(countsAsResponse({ step: 'transition', byIt: false, byReporter: true })).toBe(false);
    // An IT person's note on a ticket they reported themselves answers nobody.
    expect(countsAsResponse({ step: 'comment', byIt: true, byReporter: true })).toBe(false);
  });
});
