import { CronExpressionParser } from 'cron-parser';

/** The latest time `cron` was due at or before `now`. */
export function previousDue(cron: string, now: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: new Date(now.getTime() + 1), tz: 'UTC' }).prev().toDate();
}

/**
 * A run was missed when the job came due after it was registered and after its last run started:
 * every instance was down at that moment. It is then run once, however many times it was missed.
 */
export function isRunMissed({ cron, now, registeredAt, lastStartedAt }: { cron: string; now: Date; registeredAt: Date; lastStartedAt: Date | null }): boolean {
  const due = previousDue(cron, now);
  const since = lastStartedAt && lastStartedAt > registeredAt ? lastStartedAt : registeredAt;
  return due > since;
}

/** Instances fire on their own timers, a little late or early: a run this close before a due time counts for it. */
const dueToleranceMs = 250;

/**
 * Whether the job has already run for the time it is due at `now`. Every instance fires each job on
 * the same clock, a few ms apart; the advisory lock only keeps their runs from overlapping, so the
 * one that gets the lock second must see that the first has run.
 */
export function isDueTaken({ cron, now, lastStartedAt }: { cron: string; now: Date; lastStartedAt: Date | null }): boolean {
  if (!lastStartedAt) return false;
  const due = previousDue(cron, new Date(now.getTime() + dueToleranceMs));
  return lastStartedAt.getTime() >= due.getTime() - dueToleranceMs;
}

export function isValidCron(cron: string): boolean {
  try {
    CronExpressionParser.parse(cron);
    return true;
  } catch {
    return false;
  }
}
