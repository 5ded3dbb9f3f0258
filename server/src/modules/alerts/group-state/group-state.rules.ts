import { type FlapSettings, cardUpdateDue, isFlapping, recordFlips } from '@dingops/shared/rules/alert-grouping';
import type { AlertTiming } from '@dingops/shared/alert-maintenance';
import { timingOfLevel } from '@dingops/shared/rules/alert-timing';
import type { AlertGroupRow } from '../alerts.table';

/** Pure decisions of the alert pipeline: how a group changes with a batch, and which cards that needs. */

/** What one ingest request did to one group's alerts (summed by the alert upsert). */
export interface GroupDelta {
  firingDelta: number;
  mutedFiringDelta: number;
  added: number;
  /** Alerts whose status flipped firing↔resolved in this request. */
  flips: number;
}

export type GroupState = Pick<
  AlertGroupRow,
  'status' | 'firingCount' | 'mutedFiringCount' | 'alertCount' | 'openedAt' | 'acknowledgedAt' | 'acknowledgedBy' | 'acknowledgedByDingtalkId' | 'resolvedAt' | 'resolvedManually' | 'escalationStepsDone' | 'flips' | 'flapping' | 'suppressed'
>;

export interface GroupChange {
  next: GroupState;
  /** Timeline entries this change adds. */
  events: { kind: 'opened' | 'reopened' | 'resolved' | 'flapping'; note: string | null }[];
  statusChanged: boolean;
}

/**
 * Applies a batch to a group: counts move by the delta; the group resolves when its last alert
 * resolves and opens again (a fresh escalation walk) when one fires after that.
 */
export function nextGroupState({ group, delta, isNew, now, flap }: { group: GroupState; delta: GroupDelta; isNew: boolean; now: Date; flap: FlapSettings }): GroupChange {
  const firingCount = Math.max(0, group.firingCount + delta.firingDelta);
  const mutedFiringCount = Math.min(firingCount, Math.max(0, group.mutedFiringCount + delta.mutedFiringDelta));
  const flips = recordFlips({ flips: group.flips, changes: delta.flips, now, settings: flap });
  const flapping = isFlapping({ flips, now, settings: flap });
  const events: GroupChange['events'] = [];
  let next: GroupState = { ...group, firingCount, mutedFiringCount, alertCount: group.alertCount + delta.added, flips, flapping, suppressed: firingCount > 0 && mutedFiringCount >= firingCount };

  if (firingCount > 0 && (isNew || group.status === 'resolved')) {
    next = { ...next, status: 'firing', openedAt: now, acknowledgedAt: null, acknowledgedBy: null, acknowledgedByDingtalkId: null, resolvedAt: null, resolvedManually: false, escalationStepsDone: [] };
    events.push({ kind: isNew ? 'opened' : 'reopened', note: `${firingCount} 条告警触发` });
  } else if (firingCount === 0 && (isNew || group.status !== 'resolved')) {
    next = { ...next, status: 'resolved', resolvedAt: now, resolvedManually: false };
    events.push({ kind: 'resolved', note: isNew ? '收到时已恢复' : '全部告警已恢复' });
  }
  if (flapping && !group.flapping) events.push({ kind: 'flapping', note: `${flap.windowMinutes} 分钟内状态变化 ${flips.length} 次，卡片更新已减缓` });
  return { next, events, statusChanged: next.status !== group.status || isNew };
}

export interface CardSettings {
  /** Group wait and group interval per level (通知节奏); see timingOfLevel. */
  timing: AlertTiming;
  flapDampSeconds: number;
}

export type CardPlan = 'create' | 'update' | 'dirty' | 'none';

/**
 * Level 3 never gets its own card (it goes into the digest). A card is created once the group is
 * firing, not muted and past its level's group wait (level 1 by default: at once); later changes
 * update it in place, damped by the level's group interval and, while flapping, by the flap damping.
 */
export function cardPlan({ group, statusChanged, flapStarted = false, now, settings }: { group: Pick<AlertGroupRow, 'level' | 'status' | 'suppressed' | 'cardState' | 'openedAt' | 'cardUpdatedAt' | 'flapping'>; statusChanged: boolean; flapStarted?: boolean; now: Date; settings: CardSettings }): CardPlan {
  const timing = timingOfLevel(settings.timing, group.level);
  // Folded into a storm summary (storm.service.ts): no card of its own, unless it climbs to level 1.
  if (group.cardState === 'folded') return group.level === 1 && group.status !== 'resolved' && !group.suppressed ? 'create' : 'none';
  if (group.cardState === 'none') {
    if (group.level === 3 || group.status === 'resolved' || group.suppressed) return 'none';
    const waited = now.getTime() - group.openedAt.getTime() >= timing.groupWaitSeconds * 1000;
    return waited ? 'create' : 'dirty';
  }
  // The card says once that the group is flapping; after that its updates are damped.
  if (flapStarted) return 'update';
  const due = cardUpdateDue({ statusChanged, lastUpdateAt: group.cardUpdatedAt, now, intervalSeconds: timing.groupIntervalSeconds, flapping: group.flapping, flapDampSeconds: settings.flapDampSeconds });
  return due ? 'update' : 'dirty';
}
