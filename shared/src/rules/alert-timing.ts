import type { AlertTiming, LevelTiming } from '../alert-maintenance';

/**
 * Notification timing per alert level (通知节奏), as Alertmanager's group_wait / group_interval /
 * repeat_interval: level 1 goes at once and is repeated every 30 minutes while nobody acknowledges
 * it, level 2 waits for its group and is repeated every 4 hours, level 3 lives in the digest and is
 * not repeated unless an admin says so.
 */
export function defaultAlertTiming({ groupWaitSeconds, groupIntervalSeconds }: { groupWaitSeconds: number; groupIntervalSeconds: number }): AlertTiming {
  return {
    level1: { groupWaitSeconds: 0, groupIntervalSeconds, repeatIntervalMinutes: 30 },
    level2: { groupWaitSeconds, groupIntervalSeconds, repeatIntervalMinutes: 240 },
    level3: { groupWaitSeconds: 0, groupIntervalSeconds, repeatIntervalMinutes: 0 },
  };
}

export function timingOfLevel(timing: AlertTiming, level: number): LevelTiming {
  return level === 1 ? timing.level1 : level === 2 ? timing.level2 : timing.level3;
}

export interface RepeatCandidate {
  level: number;
  status: 'firing' | 'acknowledged' | 'resolved';
  suppressed: boolean;
  openedAt: Date;
  cardUpdatedAt: Date | null;
  lastNotifiedAt: Date | null;
}

/**
 * When the group last told people about this opening: the last reminder, else the last card, else
 * its opening. A reminder stamped before the group reopened belongs to an earlier opening and is ignored.
 */
export function lastToldAt(group: Pick<RepeatCandidate, 'openedAt' | 'cardUpdatedAt' | 'lastNotifiedAt'>): Date {
  if (group.lastNotifiedAt && group.lastNotifiedAt >= group.openedAt) return group.lastNotifiedAt;
  return group.cardUpdatedAt ?? group.openedAt;
}

/** A firing, unacknowledged, unmuted group is reminded once its level's repeat interval has passed since it last told anyone. */
export function isRepeatDue({ group, timing, now }: { group: RepeatCandidate; timing: AlertTiming; now: Date }): boolean {
  const minutes = timingOfLevel(timing, group.level).repeatIntervalMinutes;
  if (minutes === 0 || group.status !== 'firing' || group.suppressed) return false;
  return now.getTime() - lastToldAt(group).getTime() >= minutes * 60_000;
}
