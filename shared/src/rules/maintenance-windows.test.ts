import { describe, expect, it } from 'vitest';
import { isWindowOpen, isWindowOver, nextOccurrence, openOccurrence, type WindowSchedule } from './maintenance-windows';

const at = (iso: string) => new Date(iso);
/** Saturday 2026-11-28, 22:00–02:00 UTC (06:00–10:00 Beijing time on Sunday). */
const once: WindowSchedule = { startsAt: at('2026-11-28T22:00:00Z'), endsAt: at('2026-11-29T02:00:00Z'), recurrence: 'none', repeatUntil: null, cancelledAt: null };

describe('maintenance windows (rules M1, M2)', () => {
  it.each([
    ['before it starts', '2026-11-28T21:59:59Z', false],
    ['at its start (inclusive)', '2026-11-28T22:00:00Z', true],
    ['across midnight', '2026-11-29T01:30:00Z', true],
    ['at its end (exclusive)', '2026-11-29T02:00:00Z', false],
    ['a day later (no recurrence)', '2026-11-29T23:00:00Z', false],
  ])('a one-off window: %s → open %s', (_name, time, open) => {
    expect(isWindowOpen(once, at(time))).toBe(open);
  });

  it('a daily window opens every day at the same time and not between', () => {
    const daily = { ...once, recurrence: 'daily' as const };
    expect(isWindowOpen(daily, at('2026-12-05T23:00:00Z'))).toBe(true);
    expect(isWindowOpen(daily, at('2026-12-05T12:00:00Z'))).toBe(false);
    expect(openOccurrence(daily, at('2026-12-06T01:00:00Z'))).toEqual({ startsAt: at('2026-12-05T22:00:00Z'), endsAt: at('2026-12-06T02:00:00Z') });
  });

  it('a weekly window opens the same weekday next week, not the days between', () => {
    const weekly = { ...once, recurrence: 'weekly' as const };
    expect(isWindowOpen(weekly, at('2026-11-30T23:00:00Z'))).toBe(false);
    expect(isWindowOpen(weekly, at('2026-12-05T22:30:00Z'))).toBe(true);
    expect(nextOccurrence(weekly, at('2026-11-29T01:00:00Z'))).toEqual({ startsAt: at('2026-12-05T22:00:00Z'), endsAt: at('2026-12-06T02:00:00Z') });
  });

  it('no occurrence starts after repeatUntil; the last one still runs to its end', () => {
    const weekly = { ...once, recurrence: 'weekly' as const, repeatUntil: at('2026-12-06T00:00:00Z') };
    expect(isWindowOpen(weekly, at('2026-12-06T01:00:00Z'))).toBe(true);
    expect(isWindowOpen(weekly, at('2026-12-12T23:00:00Z'))).toBe(false);
    expect(nextOccurrence(weekly, at('2026-12-06T01:00:00Z'))).toBeNull();
    expect(isWindowOver(weekly, at('2026-12-06T03:00:00Z'))).toBe(true);
  });

  it('a cancelled window never opens and has no next occurrence', () => {
    const cancelled = { ...once, recurrence: 'daily' as const, cancelledAt: at('2026-11-28T10:00:00Z') };
    expect(isWindowOpen(cancelled, at('2026-11-28T23:00:00Z'))).toBe(false);
    expect(nextOccurrence(cancelled, at('2026-11-28T12:00:00Z'))).toBeNull();
    expect(isWindowOver(cancelled, at('2026-11-28T12:00:00Z'))).toBe(true);
  });

  it('the next occurrence: the first one while it is ahead, none for a one-off that has started', () => {
    expect(nextOccurrence(once, at('2026-11-28T08:00:00Z'))?.startsAt).toEqual(once.startsAt);
    expect(nextOccurrence(once, at('2026-11-28T23:00:00Z'))).toBeNull();
    expect(isWindowOver(once, at('2026-11-28T23:00:00Z'))).toBe(false);
    expect(isWindowOver(once, at('2026-11-29T02:00:00Z'))).toBe(true);
  });
});
