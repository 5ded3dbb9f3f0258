import { describe, expect, it } from 'vitest';
import { beijingTime } from './beijing-time';

describe('Beijing time for cards and messages', () => {
  it('is UTC+8, across midnight and the year end', () => {
    expect(beijingTime(new Date('2026-11-28T08:00:00Z'))).toBe('2026-11-28 16:00');
    expect(beijingTime(new Date('2026-12-31T18:30:59Z'))).toBe('2027-01-01 02:30');
  });
});
