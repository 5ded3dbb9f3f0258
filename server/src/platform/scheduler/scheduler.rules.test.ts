import { describe, expect, it } from 'vitest';
import { isDueTaken, isRunMissed, isValidCron, previousDue } from './scheduler.rules';

const at = (iso: string) => new Date(iso);

describe('scheduler rules', () => {
  it('finds the previous due time of a cron expression', () => {
    expect(previousDue('*/5 * * * *', at('2026-11-28T08:07:30Z'))).toEqual(at('2026-11-28T08:05:00Z'));
    expect(previousDue('0 2 * * *', at('2026-11-28T01:00:00Z'))).toEqual(at('2026-11-27T02:00:00Z'));
  });

  it('a run due while every instance was down is missed; one already run or before registration is not', () => {
    const cron = '0 2 * * *';
    const now = at('2026-11-28T09:00:00Z');
    expect(isRunMissed({ cron, now, registeredAt: at('2026-11-01T00:00:00Z'), lastStartedAt: at('2026-11-27T02:00:01Z') })).toBe(true);
    expect(isRunMissed({ cron, now, registeredAt: at('2026-11-01T00:00:00Z'), lastStartedAt: at('2026-11-28T02:00:01Z') })).toBe(false);
    expect(isRunMissed({ cron, now, registeredAt: at('2026-11-28T08:00:00Z'), lastStartedAt: null })).toBe(false);
    expect(isRunMissed({ cron, now, registeredAt: at('2026-11-20T08:00:00Z'), lastStartedAt: null })).toBe(true);
  });

  it('P2: a second instance firing the same due time a little later, or a little earlier, finds it taken; the next due time is free', () => {
    const cron = '*/5 * * * * *';
    const ranAt = at('2026-11-28T08:00:05.004Z');
    expect(isDueTaken({ cron, now: at('2026-11-28T08:00:05.060Z'), lastStartedAt: ranAt })).toBe(true);
    expect(isDueTaken({ cron, now: at('2026-11-28T08:00:05.060Z'), lastStartedAt: at('2026-11-28T08:00:04.998Z') })).toBe(true);
    expect(isDueTaken({ cron, now: at('2026-11-28T08:00:04.990Z'), lastStartedAt: at('2026-11-28T08:00:05.001Z') })).toBe(true);
    expect(isDueTaken({ cron, now: at('2026-11-28T08:00:10.002Z'), lastStartedAt: ranAt })).toBe(false);
    expect(isDueTaken({ cron, now: at('2026-11-28T08:00:10.002Z'), lastStartedAt: null })).toBe(false);
  });

  it('rejects a malformed expression', () => {
    expect(isValidCron('*/5 * * * *')).toBe(true);
    expect(isValidCron('every five minutes')).toBe(false);
  });
});
