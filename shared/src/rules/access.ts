import type { ReviewDecision, Risk } from '../access';

// Pure access-governance rules (issue 12; rule S2 least privilege, periodic review).

export type ApproverStep = 'manager' | 'owner' | 'security';
export interface Approver {
  userId: string;
  step: ApproverStep;
}

/**
 * Who approves, in order: the holder's manager always; the system owner from medium risk; the
 * security group's lead for high risk. A person appears once (at their first step), and the holder
 * never approves their own access. Empty when nobody is left: the request cannot be sent.
 */
export function approverChain({ risk, holderId, managerId, ownerId, securityLeadId }: { risk: Risk; holderId: string; managerId: string | null; ownerId: string; securityLeadId: string | null }): Approver[] {
  const wanted: [ApproverStep, string | null][] = [['manager', managerId]];
  if (risk !== 'low') wanted.push(['owner', ownerId]);
  if (risk === 'high') wanted.push(['security', securityLeadId]);
  const chain: Approver[] = [];
  for (const [step, userId] of wanted) {
    if (!userId || userId === holderId || chain.some((approver) => approver.userId === userId)) continue;
    chain.push({ userId, step });
  }
  return chain;
}

/** Why a request's duration is refused, or null: within the role's maximum (which every role has, so every grant ends). */
export function durationProblem({ days, maxDays }: { days: number; maxDays: number }): string | null {
  if (!Number.isInteger(days) || days < 1) return 'must be a whole number of days, at least 1';
  if (days > maxDays) return `must be at most ${maxDays} days for this role`;
  return null;
}

const dayMs = 86_400_000;

/** A grant's end: `days` after it starts. */
export function grantEnd(startsAt: Date, days: number): Date {
  return new Date(startsAt.getTime() + days * dayMs);
}

/** Whether the end-of-grant reminder is due: within `daysBefore` of the end, not yet reminded, still held. */
export function expiryReminderDue({ endsAt, now, daysBefore, remindedAt }: { endsAt: Date; now: Date; daysBefore: number; remindedAt: Date | null }): boolean {
  return remindedAt === null && endsAt.getTime() > now.getTime() && endsAt.getTime() - now.getTime() <= daysBefore * dayMs;
}

/** Why one review decision is refused, or null. Revoking needs a comment; shortening needs an earlier end in the future. */
export function decisionProblem({ decision, comment, endsAt, currentEnd, now }: { decision: ReviewDecision; comment?: string | undefined; endsAt?: Date | undefined; currentEnd: Date; now: Date }): { field: 'comment' | 'endsAt'; message: string } | null {
  if (decision === 'revoke' && !comment?.trim()) return { field: 'comment', message: 'is required to revoke' };
  if (decision === 'shorten') {
    if (!endsAt) return { field: 'endsAt', message: 'is required to shorten' };
    if (endsAt.getTime() >= currentEnd.getTime()) return { field: 'endsAt', message: 'must be earlier than the current end' };
    if (endsAt.getTime() <= now.getTime()) return { field: 'endsAt', message: 'must be in the future (revoke to end it now)' };
  }
  return null;
}

/** Bulk keep is for low and medium risk only: a high-risk grant is looked at one by one. */
export function bulkKeepAllowed(risks: readonly Risk[], decisionCount: number): boolean {
  return decisionCount <= 1 || risks.every((risk) => risk !== 'high');
}

/**
 * Rubber-stamping: a reviewer who kept every item (at least `minItems`) faster than a person can
 * read, by the median seconds per item from opening the list to each decision.
 */
export function rubberStampOf({ decisions, secondsPerItem, minItems = 5, thresholdSeconds = 3 }: { decisions: readonly ReviewDecision[]; secondsPerItem: readonly number[]; minItems?: number; thresholdSeconds?: number }): { flagged: boolean; medianSeconds: number | null } {
  const medianSeconds = median(secondsPerItem);
  const keptAll = decisions.length >= minItems && decisions.every((decision) => decision === 'keep');
  return { flagged: keptAll && medianSeconds !== null && medianSeconds < thresholdSeconds, medianSeconds };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Seconds per item: gaps between consecutive decisions, the first measured from when the list was opened. */
export function secondsPerDecision(openedAt: Date, decidedAt: readonly Date[]): number[] {
  const times = [openedAt.getTime(), ...decidedAt.map((date) => date.getTime()).sort((a, b) => a - b)];
  return times.slice(1).map((time, index) => Math.max(0, (time - times[index]!) / 1000));
}

/** The quarter a date falls in, Beijing time, e.g. 2027-Q1 (names the quarterly campaign). */
export function quarterOf(date: Date): string {
  const beijing = new Date(date.getTime() + 8 * 3_600_000);
  return `${beijing.getUTCFullYear()}-Q${Math.floor(beijing.getUTCMonth() / 3) + 1}`;
}
