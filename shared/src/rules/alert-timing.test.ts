import { describe, expect, it } from 'vitest';
import { defaultAlertTiming, isRepeatDue, lastToldAt, type RepeatCandidate, timingOfLevel } from './alert-timing';

const now = new Date('2026-11-28T08:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const timing = defaultAlertTiming({ groupWaitSeconds: 30, groupIntervalSeconds: 60 });
const group: RepeatCandidate = { level: 1, status: 'firing', suppressed: false, openedAt: minutesAgo(40), cardUpdatedAt: minutesAgo(40), lastNotifiedAt: null };

describe('notification timing per level', () => {
  it('defaults: level 1 at once, repeated every 30 min; level 2 waits, every 4 h; level 3 never repeated', () => {
    expect(timingOfLevel(timing, 1)).toEqual({ groupWaitSeconds: 0, groupIntervalSeconds: 60, repeatIntervalMinutes: 30 });
    expect(timingOfLevel(timing, 2)).toEqual({ groupWaitSeconds: 30, groupIntervalSeconds: 60, repeatIntervalMinutes: 240 });
    expect(timingOfLevel(timing, 3).repeatIntervalMinutes).toBe(0);
  });

  it('a firing level-1 group is reminded once 30 minutes passed since its card', () => {
    expect(isRepeatDue({ group, timing, now })).toBe(true);
    expect(isRepeatDue({ group: { ...group, cardUpdatedAt: minutesAgo(29) }, timing, now })).toBe(false);
  });

  it('the next reminder counts from the last one', () => {
    expect(isRepeatDue({ group: { ...group, lastNotifiedAt: minutesAgo(10) }, timing, now })).toBe(false);
    expect(isRepeatDue({ group: { ...group, lastNotifiedAt: minutesAgo(30) }, timing, now })).toBe(true);
  });

  it('a reminder from before the group reopened does not count', () => {
    const reopened = { ...group, openedAt: minutesAgo(5), cardUpdatedAt: minutesAgo(5), lastNotifiedAt: minutesAgo(60) };
    expect(lastToldAt(reopened)).toEqual(minutesAgo(5));
    expect(isRepeatDue({ group: reopened, timing, now })).toBe(false);
  });

  it.each([
    ['acknowledged', { status: 'acknowledged' as const }],
    ['resolved', { status: 'resolved' as const }],
    ['muted (silence, inhibition or maintenance window)', { suppressed: true }],
    ['level 3 with repeat 0', { level: 3 }],
  ])('never when %s', (_name, patch) => {
    expect(isRepeatDue({ group: { ...group, openedAt: minutesAgo(600), cardUpdatedAt: null, ...patch }, timing, now })).toBe(false);
  });
});
