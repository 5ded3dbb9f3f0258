import type { MaintenanceRecurrence } from '../alert-maintenance';

/**
 * Maintenance windows (维护窗口, rules M1, M2): when one is open. A recurring window repeats its first
 * occurrence every day or week — a fixed 24 h / 7 × 24 h step, which is exact for Beijing time (China
 * has no daylight saving) — and no occurrence starts after `repeatUntil`. A cancelled window never opens.
 */
export interface WindowSchedule {
  startsAt: Date;
  endsAt: Date;
  recurrence: MaintenanceRecurrence;
  repeatUntil: Date | null;
  cancelledAt: Date | null;
}

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
}

const dayMs = 86_400_000;
const periodMs: Record<MaintenanceRecurrence, number> = { none: 0, daily: dayMs, weekly: 7 * dayMs };

function occurrence(window: WindowSchedule, index: number): Occurrence | null {
  if (index < 0 || (index > 0 && window.recurrence === 'none')) return null;
  const shift = index * periodMs[window.recurrence];
  const startsAt = new Date(window.startsAt.getTime() + shift);
  if (index > 0 && window.repeatUntil && startsAt > window.repeatUntil) return null;
  return { startsAt, endsAt: new Date(window.endsAt.getTime() + shift) };
}

/** Index of the last occurrence that starts at or before `at` (-1 when the first is still ahead). */
function lastStartedIndex(window: WindowSchedule, at: Date): number {
  const since = at.getTime() - window.startsAt.getTime();
  if (since < 0) return -1;
  const period = periodMs[window.recurrence];
  if (period === 0) return 0;
  const last = Math.floor(since / period);
  return window.repeatUntil ? Math.min(last, Math.max(0, Math.floor((window.repeatUntil.getTime() - window.startsAt.getTime()) / period))) : last;
}

/** The occurrence open at `at` (start inclusive, end exclusive), or null. */
export function openOccurrence(window: WindowSchedule, at: Date): Occurrence | null {
  if (window.cancelledAt) return null;
  // Every occurrence lasts as long as the first, so the one that started last is the only one that can still be open.
  const candidate = occurrence(window, lastStartedIndex(window, at));
  return candidate && candidate.endsAt > at ? candidate : null;
}

export const isWindowOpen = (window: WindowSchedule, at: Date): boolean => openOccurrence(window, at) !== null;

/** The first occurrence that starts after `at`, for "即将开始"; null when none will. */
export function nextOccurrence(window: WindowSchedule, at: Date): Occurrence | null {
  if (window.cancelledAt) return null;
  if (at < window.startsAt) return occurrence(window, 0);
  const period = periodMs[window.recurrence];
  return period === 0 ? null : occurrence(window, Math.floor((at.getTime() - window.startsAt.getTime()) / period) + 1);
}

/** True once no occurrence is open or yet to come: the window is history. */
export function isWindowOver(window: WindowSchedule, at: Date): boolean {
  return openOccurrence(window, at) === null && nextOccurrence(window, at) === null;
}
