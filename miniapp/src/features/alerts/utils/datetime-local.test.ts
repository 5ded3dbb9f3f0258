import { describe, expect, it } from 'vitest';
import { isoOf, localInput } from './datetime-local';

describe('datetime-local values', () => {
  it('writes a moment as the device-local minute and reads it back as the same moment', () => {
    const moment = new Date('2026-10-01T09:30:00.000Z');
    const local = localInput(moment);
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(isoOf(local)).toBe(moment.toISOString());
  });

  it('gives an empty string for an empty or unreadable value, so the schema names the field', () => {
    expect(isoOf('')).toBe('');
    expect(isoOf('not a date')).toBe('');
  });
});
