import { defaultAlertTiming } from '@dingops/shared/rules/alert-timing';
import { describe, expect, it } from 'vitest';
import { cardPlan, type GroupState, nextGroupState } from './group-state.rules';

const now = new Date('2026-11-28T08:00:00Z');
const flap = { threshold: 3, windowMinutes: 10 };
const empty: GroupState = {
  status: 'firing',
  firingCount: 0,
  mutedFiringCount: 0,
  alertCount: 0,
  openedAt: now,
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgedByDingtalkId: null,
  resolvedAt: null,
  resolvedManually: false,
  escalationStepsDone: [],
  flips: [],
  flapping: false,
  suppressed: false,
};
const delta = (firingDelta: number, added = 0, flips = 0, mutedFiringDelta = 0) => ({ firingDelta, added, flips, mutedFiringDelta });

describe('alert group state (Alertmanager-like grouping)', () => {
  it('a new group with firing alerts opens; with only resolved ones it is resolved at once', () => {
    expect(nextGroupState({ group: empty, delta: delta(2, 2), isNew: true, now, flap })).toMatchObject({ next: { status: 'firing', firingCount: 2, alertCount: 2 }, events: [{ kind: 'opened' }], statusChanged: true });
    expect(nextGroupState({ group: empty, delta: delta(0, 1), isNew: true, now, flap }).next.status).toBe('resolved');
  });

  it('the group resolves when its last alert resolves, and reopens with a fresh escalation walk', () => {
    const acked: GroupState = { ...empty, status: 'acknowledged', firingCount: 1, alertCount: 1, acknowledgedAt: now, acknowledgedBy: '陈刚', escalationStepsDone: [0] };
    const resolved = nextGroupState({ group: acked, delta: delta(-1, 0, 1), isNew: false, now, flap });
    expect(resolved).toMatchObject({ next: { status: 'resolved', firingCount: 0, resolvedAt: now }, events: [{ kind: 'resolved' }] });
    const later = new Date(now.getTime() + 60_000);
    const reopened = nextGroupState({ group: resolved.next, delta: delta(1, 0, 1), isNew: false, now: later, flap });
    expect(reopened).toMatchObject({ next: { status: 'firing', openedAt: later, acknowledgedAt: null, escalationStepsDone: [] }, events: [{ kind: 'reopened' }] });
  });

  it('an acknowledged group stays acknowledged while more alerts join', () => {
    const acked: GroupState = { ...empty, status: 'acknowledged', firingCount: 1, alertCount: 1 };
    expect(nextGroupState({ group: acked, delta: delta(1, 1), isNew: false, now, flap })).toMatchObject({ next: { status: 'acknowledged', firingCount: 2 }, events: [], statusChanged: false });
  });

  it('all firing alerts muted (silenced or inhibited) → suppressed', () => {
    expect(nextGroupState({ group: empty, delta: delta(2, 2, 0, 2), isNew: true, now, flap }).next.suppressed).toBe(true);
    expect(nextGroupState({ group: empty, delta: delta(2, 2, 0, 1), isNew: true, now, flap }).next.suppressed).toBe(false);
  });

  it('flapping is marked once, with a timeline entry', () => {
    const flippy: GroupState = { ...empty, firingCount: 1, alertCount: 1, flips: [now.getTime(), now.getTime(), now.getTime()] };
    const change = nextGroupState({ group: flippy, delta: delta(-1, 0, 1), isNew: false, now, flap });
    expect(change.next.flapping).toBe(true);
    expect(change.events.map((event) => event.kind)).toEqual(['resolved', 'flapping']);
  });
});

describe('card plans', () => {
  const timing = defaultAlertTiming({ groupWaitSeconds: 30, groupIntervalSeconds: 60 });
  const settings = { timing, flapDampSeconds: 600 };
  const group = { level: 2, status: 'firing' as const, suppressed: false, cardState: 'none' as const, openedAt: now, cardUpdatedAt: null, flapping: false };

  it.each([
    ['level 1 goes at once', { ...group, level: 1 }, 'create'],
    ['level 2 waits its group wait', group, 'dirty'],
    ['level 3 never gets its own card', { ...group, level: 3 }, 'none'],
    ['a muted group gets no card', { ...group, level: 1, suppressed: true }, 'none'],
    ['a group resolved before its card needs none', { ...group, level: 1, status: 'resolved' as const }, 'none'],
  ])('%s', (_name, candidate, plan) => {
    expect(cardPlan({ group: candidate, statusChanged: true, now, settings })).toBe(plan);
  });

  it('level 2 after the wait, and updates damped by the interval unless the status changed', () => {
    const later = new Date(now.getTime() + 31_000);
    expect(cardPlan({ group, statusChanged: false, now: later, settings })).toBe('create');
    const sent = { ...group, cardState: 'sent' as const, cardUpdatedAt: now };
    expect(cardPlan({ group: sent, statusChanged: false, now: later, settings })).toBe('dirty');
    expect(cardPlan({ group: sent, statusChanged: true, now: later, settings })).toBe('update');
    expect(cardPlan({ group: { ...sent, flapping: true }, statusChanged: true, now: later, settings })).toBe('dirty');
    expect(cardPlan({ group: { ...sent, flapping: true }, statusChanged: true, flapStarted: true, now: later, settings })).toBe('update');
  });

  it('a group folded into a storm summary gets no card (its summary shows it) unless it climbs to level 1', () => {
    const folded = { ...group, cardState: 'folded' as const };
    expect(cardPlan({ group: folded, statusChanged: true, now: new Date(now.getTime() + 31_000), settings })).toBe('none');
    expect(cardPlan({ group: { ...folded, level: 1 }, statusChanged: true, now, settings })).toBe('create');
    expect(cardPlan({ group: { ...folded, level: 1, status: 'resolved' as const }, statusChanged: true, now, settings })).toBe('none');
  });

  it('each level follows its own timing: a level-1 wait holds level 1 back, a long level-2 interval damps only level 2', () => {
    const custom = { ...settings, timing: { ...timing, level1: { ...timing.level1, groupWaitSeconds: 20 }, level2: { ...timing.level2, groupWaitSeconds: 0, groupIntervalSeconds: 600 } } };
    expect(cardPlan({ group: { ...group, level: 1 }, statusChanged: true, now, settings: custom })).toBe('dirty');
    expect(cardPlan({ group: { ...group, level: 1 }, statusChanged: false, now: new Date(now.getTime() + 20_000), settings: custom })).toBe('create');
    expect(cardPlan({ group, statusChanged: true, now, settings: custom })).toBe('create');
    const fiveMinutesLater = new Date(now.getTime() + 300_000);
    const sent = { ...group, cardState: 'sent' as const, cardUpdatedAt: now };
    expect(cardPlan({ group: sent, statusChanged: false, now: fiveMinutesLater, settings: custom })).toBe('dirty');
    expect(cardPlan({ group: { ...sent, level: 1 }, statusChanged: false, now: fiveMinutesLater, settings: custom })).toBe('update');
  });
});
