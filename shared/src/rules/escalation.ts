import type { EscalationPolicy } from '../oncall';

const minuteMs = 60_000;

interface EscalationHistory {
  policy: EscalationPolicy;
  openedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  /** Indexes of steps already carried out (stored, so a restart resumes where it stopped). */
  doneSteps: number[];
}

function isStopped({ acknowledgedAt, resolvedAt }: Pick<EscalationHistory, 'acknowledgedAt' | 'resolvedAt'>): boolean {
  return acknowledgedAt !== null || resolvedAt !== null;
}

function stepDueAt(openedAt: Date, afterMinutes: number): number {
  return openedAt.getTime() + afterMinutes * minuteMs;
}

/**
 * Indexes of the policy's steps that are due at `now` and not yet done, in order. Steps missed while
 * DingOps was down are all returned (catch-up): a late page beats no page. Acknowledging or
 * resolving the alert group stops the walk.
 */
export function dueEscalationSteps({ now, ...history }: EscalationHistory & { now: Date }): number[] {
  if (isStopped(history)) return [];
  const done = new Set(history.doneSteps);
  return history.policy.steps.flatMap((step, index) => (!done.has(index) && stepDueAt(history.openedAt, step.afterMinutes) <= now.getTime() ? [index] : []));
}

/** When the next step not yet done falls due, or null when the walk is over or stopped. */
export function nextEscalationAt(history: EscalationHistory): Date | null {
  if (isStopped(history)) return null;
  const done = new Set(history.doneSteps);
  const times = history.policy.steps.flatMap((step, index) => (done.has(index) ? [] : [stepDueAt(history.openedAt, step.afterMinutes)]));
  return times.length === 0 ? null : new Date(Math.min(...times));
}
