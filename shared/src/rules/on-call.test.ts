import { describe, expect, it } from 'vitest';
import type { RotationOverride, WeeklyRotation } from '../oncall';
import { onCallSpans, shiftStartAt, whoIsOnCall } from './on-call';

const [ana, bo, cai] = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c'] as const;
// Hand over on Mondays at 09:00 Beijing (01:00 UTC); 2026-11-23 is a Monday.
const rotation: WeeklyRotation = { members: [ana, bo, cai], handoffWeekday: 1, handoffTime: '09:00', startDate: '2026-11-23' };
const at = (iso: string) => new Date(iso);
const none: RotationOverride[] = [];

describe('who is on call (F4: the on-call person is known at any minute)', () => {
  it('the first member holds the first week and the next is secondary', () => {
    expect(whoIsOnCall({ rotation, overrides: none, at: at('2026-11-25T12:00:00Z') })).toMatchObject({ primary: ana, secondary: bo });
  });

  it('the handoff minute belongs to the next member exactly', () => {
    expect(whoIsOnCall({ rotation, overrides: none, at: at('2026-11-30T00:59:59.999Z') }).primary).toBe(ana);
    expect(whoIsOnCall({ rotation, overrides: none, at: at('2026-11-30T01:00:00Z') })).toMatchObject({ primary: bo, secondary: cai });
  });

  it('wraps around after the last member, and secondary wraps too', () => {
    expect(whoIsOnCall({ rotation, overrides: none, at: at('2026-12-08T00:00:00Z') })).toMatchObject({ primary: cai, secondary: ana });
    expect(whoIsOnCall({ rotation, overrides: none, at: at('2026-12-14T01:00:00Z') }).primary).toBe(ana);
  });

  it('the handoff is local Beijing time: Sunday 23:00 UTC is already Monday morning but before 09:00', () => {
    expect(whoIsOnCall({ rotation, overrides: none, at: at('2026-11-29T23:00:00Z') }).primary).toBe(ana);
  });

  it('a start date mid-week begins at the next handoff weekday; earlier times count backwards', () => {
    const midWeek = { ...rotation, startDate: '2026-11-25' };
    expect(whoIsOnCall({ rotation: midWeek, overrides: none, at: at('2026-11-30T02:00:00Z') }).primary).toBe(ana);
    expect(whoIsOnCall({ rotation: midWeek, overrides: none, at: at('2026-11-27T02:00:00Z') }).primary).toBe(cai);
  });

  it('an empty rotation has nobody on call', () => {
    expect(whoIsOnCall({ rotation: { ...rotation, members: [] }, overrides: none, at: at('2026-11-25T12:00:00Z') })).toEqual({ primary: null, secondary: null, override: null });
  });

  it('a one-person rotation has no secondary', () => {
    expect(whoIsOnCall({ rotation: { ...rotation, members: [ana] }, overrides: none, at: at('2026-12-25T12:00:00Z') })).toMatchObject({ primary: ana, secondary: null });
  });

  const sickDay: RotationOverride = { userId: cai, startsAt: at('2026-11-26T01:00:00Z'), endsAt: at('2026-11-27T01:00:00Z'), reason: 'Ana is ill' };

  it('an override replaces the primary inside its span and the secondary stays', () => {
    expect(whoIsOnCall({ rotation, overrides: [sickDay], at: at('2026-11-26T01:00:00Z') })).toMatchObject({ primary: cai, secondary: bo, override: sickDay });
  });

  it('outside its span (end exclusive) the rotation holds', () => {
    expect(whoIsOnCall({ rotation, overrides: [sickDay], at: at('2026-11-26T00:59:59Z') })).toMatchObject({ primary: ana, override: null });
    expect(whoIsOnCall({ rotation, overrides: [sickDay], at: at('2026-11-27T01:00:00Z') })).toMatchObject({ primary: ana, override: null });
  });

  it('an override to the week’s secondary makes the displaced primary secondary', () => {
    const swap = { ...sickDay, userId: bo };
    expect(whoIsOnCall({ rotation, overrides: [swap], at: at('2026-11-26T12:00:00Z') })).toMatchObject({ primary: bo, secondary: ana });
  });

  it('of overlapping overrides the one that began last wins', () => {
    const later: RotationOverride = { userId: bo, startsAt: at('2026-11-26T06:00:00Z'), endsAt: at('2026-11-26T08:00:00Z') };
    expect(whoIsOnCall({ rotation, overrides: [later, sickDay], at: at('2026-11-26T07:00:00Z') }).primary).toBe(bo);
    expect(whoIsOnCall({ rotation, overrides: [later, sickDay], at: at('2026-11-26T09:00:00Z') }).primary).toBe(cai);
  });
});

describe('on-call calendar spans', () => {
  it('splits at handoffs and override edges, merging spans that agree', () => {
    const spans = onCallSpans({
      rotation,
      overrides: [{ userId: cai, startsAt: at('2026-11-26T01:00:00Z'), endsAt: at('2026-11-27T01:00:00Z') }],
      from: at('2026-11-24T00:00:00Z'),
      to: at('2026-12-03T00:00:00Z'),
    });
    expect(spans.map((span) => [span.startsAt.toISOString(), span.endsAt.toISOString(), span.primary])).toEqual([
      ['2026-11-24T00:00:00.000Z', '2026-11-26T01:00:00.000Z', ana],
      ['2026-11-26T01:00:00.000Z', '2026-11-27T01:00:00.000Z', cai],
      ['2026-11-27T01:00:00.000Z', '2026-11-30T01:00:00.000Z', ana],
      ['2026-11-30T01:00:00.000Z', '2026-12-03T00:00:00.000Z', bo],
    ]);
  });

  it('the shift start is the last handoff at or before the moment', () => {
    expect(shiftStartAt(rotation, at('2026-12-02T00:00:00Z'))).toEqual(at('2026-11-30T01:00:00Z'));
  });
});
