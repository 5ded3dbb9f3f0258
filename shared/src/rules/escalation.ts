import type { EscalationPolicy, EscalationStep } from '../oncall';

const minuteMs = 60_000;

interface EscalationHistory {
  policy: EscalationPolicy;
  openedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  /**
   * The walk so far, as stored with the alert group (a restart resumes from it): step `n` that
   * reached someone is `n`; a step that found nobody and was passed is `passedMark(n)`.
   */
  doneSteps: readonly number[];
}

/** How the record keeps a step that found nobody: negative, so it can never be read as reached. */
export const passedMark = (step: number) => -(step + 1);

/** The record split into steps that reached someone and steps passed for want of anyone, each in order. */
export function readWalk(record: readonly number[]): { reached: number[]; passed: number[] } {
  const reached = record.filter((entry) => entry >= 0);
  const passed = record.filter((entry) => entry < 0).map((entry) => -entry - 1);
  const ascending = (a: number, b: number) => a - b;
  return { reached: [...new Set(reached)].sort(ascending), passed: [...new Set(passed)].filter((step) => !reached.includes(step)).sort(ascending) };
}

function isStopped({ acknowledgedAt, resolvedAt }: Pick<EscalationHistory, 'acknowledgedAt' | 'resolvedAt'>): boolean {
  return acknowledgedAt !== null || resolvedAt !== null;
}

function stepDueAt(openedAt: Date, afterMinutes: number): number {
  return openedAt.getTime() + afterMinutes * minuteMs;
}

/**
 * notify: a step due now, someone to tell. pass: a step that finds nobody (an empty rota, DingTalk
 * down while the schedule was being filled): the walk moves on to the next step at once, as PagerDuty
 * does. retry: a step passed earlier that now has someone to tell.
 */
export interface EscalationAction {
  step: number;
  kind: 'notify' | 'pass' | 'retry';
}

export interface EscalationPlan {
  actions: EscalationAction[];
  /** Every step has now been passed and none reached anyone: tell the fallback chat (once). */
  fallback: boolean;
}

/**
 * What the walk does at `now` (rules F2, F4): the steps due and not yet recorded, in order; a step
 * that `canReach` says finds nobody is passed and pulls the next one forward; steps passed earlier
 * are tried again while the group is open, so whoever was missing is told as soon as they can be.
 * Steps missed while DingOps was down are all caught up (a late page beats no page). Acknowledging or
 * resolving the group stops the walk.
 */
export function planEscalation({ now, canReach, ...history }: EscalationHistory & { now: Date; canReach: (step: EscalationStep) => boolean }): EscalationPlan {
  if (isStopped(history)) return { actions: [], fallback: false };
  const { steps } = history.policy;
  const { reached, passed } = readWalk(history.doneSteps);
  const recorded = new Set([...reached, ...passed]);
  const actions: EscalationAction[] = passed.filter((index) => steps[index] && canReach(steps[index])).map((step) => ({ step, kind: 'retry' as const }));
  let pulledForward = false;
  for (const [index, step] of steps.entries()) {
    if (recorded.has(index)) continue;
    if (!pulledForward && stepDueAt(history.openedAt, step.afterMinutes) > now.getTime()) break;
    pulledForward = !canReach(step);
    actions.push({ step: index, kind: pulledForward ? 'pass' : 'notify' });
    recorded.add(index);
  }
  actions.sort((a, b) => a.step - b.step);
  const anyoneReached = reached.length > 0 || actions.some((action) => action.kind !== 'pass');
  const walkOver = steps.every((_, index) => recorded.has(index));
  return { actions, fallback: walkOver && !anyoneReached && actions.some((action) => action.kind === 'pass') };
}

/** The record after carrying out `actions`: notified and retried steps as reached, passed ones marked. */
export function recordAfter(record: readonly number[], actions: readonly EscalationAction[]): number[] {
  const { reached, passed } = readWalk(record);
  const nowReached = new Set([...reached, ...actions.filter((action) => action.kind !== 'pass').map((action) => action.step)]);
  const nowPassed = new Set([...passed, ...actions.filter((action) => action.kind === 'pass').map((action) => action.step)].filter((step) => !nowReached.has(step)));
  return [...[...nowReached].map((step) => ({ step, entry: step })), ...[...nowPassed].map((step) => ({ step, entry: passedMark(step) }))].sort((a, b) => a.step - b.step).map(({ entry }) => entry);
}

/** When the next step not yet recorded falls due, or null when the walk is over or stopped. */
export function nextEscalationAt(history: EscalationHistory): Date | null {
  if (isStopped(history)) return null;
  const { reached, passed } = readWalk(history.doneSteps);
  const recorded = new Set([...reached, ...passed]);
  const times = history.policy.steps.flatMap((step, index) => (recorded.has(index) ? [] : [stepDueAt(history.openedAt, step.afterMinutes)]));
  return times.length === 0 ? null : new Date(Math.min(...times));
}
