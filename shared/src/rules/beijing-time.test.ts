import { describe, expect, it } from 'vitest';
import { beijingDayBounds, beijingTime } from './beijing-time';

describe('Beijing time for cards and messages', () => {
  it('is UTC+8, across midnight and the year end', () => {
    expect(beijingTime(new Date('2026-11-28T08:00:00Z'))).toBe('2026-11-28 16:00');
    expect(beijingTime(new Date('2026-12-31T18:30:59Z'))).toBe('2027-01-01 02:30');
  });
});

describe('Beijing days for date filters', () => {
  it('a day runs from 00:00 to 23:59:59.999 Beijing time', () => {
    expect(beijingDayBounds('2026-11-28')).toEqual({ from: '2026-11-28T00:00:00+08:00', to: '2026-11-28T23:59:59.999+08:00' });
    expect(new Date(beijingDayBounds('2026-11-28')!.from).toISOString()).toBe('2026-11-27T16:00:00.000Z');
  });

  it('anything that is not a real calendar day is refused', () => {
    for (const bad of ['', '2026-02-30', '2026-13-01', '28/11/2026', '2026-11-28T00:00']) expect(beijingDayBounds(bad)).toBeNull();
    expect(beijingDayBounds('2028-02-29')).not.toBeNull();
  });
});
