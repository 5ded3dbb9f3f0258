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

export function isValidCron(cron: string): boolean {
  try {
    CronExpressionParser.parse(cron);
    return true;
  } catch {
    return false;
  }
}
