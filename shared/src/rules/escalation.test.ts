import { describe, expect, it } from 'vitest';
import { defaultEscalationSteps, type EscalationPolicy } from '../oncall';
import { type EscalationAction, nextEscalationAt, passedMark, planEscalation, readWalk, recordAfter } from './escalation';

// A fake clock: minutes after the alert group opened.
const openedAt = new Date('2026-11-28T02:00:00Z');
const minutesLater = (minutes: number) => new Date(openedAt.getTime() + minutes * 60_000);
const policy: EscalationPolicy = { id: 'p', name: 'default', steps: defaultEscalationSteps };
const history = { policy, openedAt, acknowledgedAt: null, resolvedAt: null, doneSteps: [] as number[] };
/** Steps due, when every step has someone to tell. */
const dueEscalationSteps = (input: Omit<Parameters<typeof planEscalation>[0], 'canReach'>) => planEscalation({ ...input, canReach: () => true }).actions.map((action) => action.step);

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

describe('a step that finds nobody (F4: a level-1 alert never sits unpaged)', () => {
  // Nobody on the rota (an empty schedule, or DingTalk down while it was being filled): steps 0 and 1 find nobody.
  const noRota = (step: { notify: readonly string[] }) => !step.notify.every((target) => target === 'oncall_primary' || target === 'oncall_secondary');
  const kinds = (actions: EscalationAction[]) => actions.map((action) => [action.step, action.kind]);

  it('is passed, and the next step runs at once instead of after its wait', () => {
    const plan = planEscalation({ ...history, now: openedAt, canReach: noRota });
    expect(kinds(plan.actions)).toEqual([
      [0, 'pass'],
      [1, 'pass'],
      [2, 'notify'],
    ]);
    expect(plan.fallback).toBe(false);
    expect(recordAfter([], plan.actions)).toEqual([passedMark(0), passedMark(1), 2]);
  });

  it('a passed step is tried again on every run until someone can be told; the steps already reached are not repeated', () => {
    const record = [passedMark(0), passedMark(1), 2];
    expect(planEscalation({ ...history, doneSteps: record, now: minutesLater(1), canReach: noRota }).actions).toEqual([]);
    const primaryBack = (step: { notify: readonly string[] }) => !step.notify.includes('oncall_secondary');
    const plan = planEscalation({ ...history, doneSteps: record, now: minutesLater(2), canReach: primaryBack });
    expect(kinds(plan.actions)).toEqual([[0, 'retry']]);
    expect(recordAfter(record, plan.actions)).toEqual([0, passedMark(1), 2]);
    expect(readWalk([0, passedMark(1), 2])).toEqual({ reached: [0, 2], passed: [1] });
  });

  it('when every step finds nobody, the walk falls back once; later runs only retry', () => {
    const nobody = () => false;
    const plan = planEscalation({ ...history, now: openedAt, canReach: nobody });
    expect(kinds(plan.actions)).toEqual([
      [0, 'pass'],
      [1, 'pass'],
      [2, 'pass'],
    ]);
    expect(plan.fallback).toBe(true);
    const record = recordAfter([], plan.actions);
    expect(planEscalation({ ...history, doneSteps: record, now: minutesLater(30), canReach: nobody })).toEqual({ actions: [], fallback: false });
    expect(kinds(planEscalation({ ...history, doneSteps: record, now: minutesLater(31), canReach: () => true }).actions)).toEqual([
      [0, 'retry'],
      [1, 'retry'],
      [2, 'retry'],
    ]);
  });

  it('a step found empty later in the walk pulls the next one forward; someone reached earlier means no fallback', () => {
    const noSecondary = (step: { notify: readonly string[] }) => !step.notify.includes('oncall_secondary');
    const plan = planEscalation({ ...history, doneSteps: [0], now: minutesLater(5), canReach: noSecondary });
    expect(kinds(plan.actions)).toEqual([
      [1, 'pass'],
      [2, 'notify'],
    ]);
    const lastEmpty = planEscalation({ ...history, doneSteps: [0, 1], now: minutesLater(15), canReach: () => false });
    expect(lastEmpty).toEqual({ actions: [{ step: 2, kind: 'pass' }], fallback: false });
  });

  it('acknowledging stops the retries too', () => {
    expect(planEscalation({ ...history, doneSteps: [passedMark(0), 1], acknowledgedAt: minutesLater(1), now: minutesLater(2), canReach: () => true }).actions).toEqual([]);
  });
});
