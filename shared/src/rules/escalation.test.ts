import { describe, expect, it } from 'vitest';
import { defaultEscalationSteps, type EscalationPolicy } from '../oncall';
import { dueEscalationSteps, nextEscalationAt } from './escalation';

// A fake clock: minutes after the alert group opened.
const openedAt = new Date('2026-11-28T02:00:00Z');
const minutesLater = (minutes: number) => new Date(openedAt.getTime() + minutes * 60_000);
const policy: EscalationPolicy = { id: 'p', name: 'default', steps: defaultEscalationSteps };
const history = { policy, openedAt, acknowledgedAt: null, resolvedAt: null, doneSteps: [] as number[] };

describe('escalation walk (F2, F4: an unacknowledged level-1 alert climbs step by step)', () => {
  it('pages the on-call primary at once', () => {
    expect(dueEscalationSteps({ ...history, now: openedAt })).toEqual([0]);
  });

  it('walks the policy as the clock advances, one step at a time', () => {
    const done: number[] = [];
    const fired: Array<[number, number[]]> = [];
    for (let minute = 0; minute <= 20; minute += 1) {
      const due = dueEscalationSteps({ ...history, doneSteps: done, now: minutesLater(minute) });
      if (due.length > 0) fired.push([minute, due]);
      done.push(...due);
    }
    expect(fired).toEqual([
      [0, [0]],
      [5, [1]],
      [15, [2]],
    ]);
  });

  it('a step is not due one millisecond early', () => {
    expect(dueEscalationSteps({ ...history, doneSteps: [0], now: new Date(minutesLater(5).getTime() - 1) })).toEqual([]);
  });

  it('acknowledging stops the walk, even with steps overdue', () => {
    expect(dueEscalationSteps({ ...history, doneSteps: [0], acknowledgedAt: minutesLater(3), now: minutesLater(30) })).toEqual([]);
    expect(nextEscalationAt({ ...history, doneSteps: [0], acknowledgedAt: minutesLater(3) })).toBeNull();
  });

  it('resolving stops the walk', () => {
    expect(dueEscalationSteps({ ...history, resolvedAt: minutesLater(1), now: minutesLater(30) })).toEqual([]);
  });

  it('after a restart the walk resumes from the stored done steps, repeating none', () => {
    expect(dueEscalationSteps({ ...history, doneSteps: [0, 1], now: minutesLater(16) })).toEqual([2]);
    expect(dueEscalationSteps({ ...history, doneSteps: [0, 1, 2], now: minutesLater(60) })).toEqual([]);
  });

  it('steps missed while down are all caught up, in order', () => {
    expect(dueEscalationSteps({ ...history, now: minutesLater(40) })).toEqual([0, 1, 2]);
    expect(dueEscalationSteps({ ...history, doneSteps: [0], now: minutesLater(40) })).toEqual([1, 2]);
  });

  it('tells when the next step falls due, and null when the walk is over', () => {
    expect(nextEscalationAt({ ...history, doneSteps: [0] })).toEqual(minutesLater(5));
    expect(nextEscalationAt({ ...history, doneSteps: [0, 1, 2] })).toBeNull();
  });
});
