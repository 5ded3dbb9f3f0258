import type { EscalationPolicy } from '@dingops/shared/oncall';
import { type AlertLevel, type AlertRule, growthRaise, levelNames } from '@dingops/shared/rules/alert-classify';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/client';
import type { AlertGroupChangeRow, AlertGroupRow } from '../alerts.table';
import type { Escalation } from '../escalation/escalation.service';
import type { GroupEventInput } from '../groups/groups.repository';
import type { AlertNotifier } from '../notify/alert-notifier';
import type { StormFolding } from '../storm/storm.service';
import type { MutedGroupNote } from '../windows/maintenance.repository';
import type { MaintenanceMuting } from '../windows/maintenance.service';
import type { CardSettingsNow } from './card-settings';
import { createGroupChangeRunner } from './group-changes';
import type { GroupStateRepository } from './group-state.repository';
import { cardPlan, type GroupDelta, nextGroupState } from './group-state.rules';

/** What a pass folds into one group: the deltas summed, the most severe classification, the newest summary. */
function mergeChanges(changes: AlertGroupChangeRow[]) {
  const merged = new Map<string, { delta: GroupDelta; climb: AlertGroupChangeRow | null; summary: string | null; muted: AlertGroupChangeRow['muted'] }>();
  for (const change of changes) {
    const key = String(change.groupId);
    const entry = merged.get(key) ?? { delta: { firingDelta: 0, mutedFiringDelta: 0, added: 0, flips: 0 }, climb: null, summary: null, muted: [] };
    entry.delta.firingDelta += change.firingDelta;
    entry.delta.mutedFiringDelta += change.mutedFiringDelta;
    entry.delta.added += change.added;
    entry.delta.flips += change.flips;
    if (!entry.climb || change.level < entry.climb.level) entry.climb = change;
    entry.summary = change.summary ?? entry.summary;
    entry.muted.push(...change.muted);
    merged.set(key, entry);
  }
  return merged;
}

/**
 * The second half of ingest: folds the changes stored batches left into their groups (counts,
 * status, flapping, growth raise, storm folding, escalation and the card). Ingest only stores;
 * this pass runs on its own schedule (group-changes.ts) and never calls back into ingest.
 */
export function createGroupStatePass({
  db,
  repo,
  rules,
  cardSettingsNow,
  escalation,
  notifier,
  storms,
  maintenance,
  flap,
  clock,
  log,
}: {
  db: Db;
  repo: GroupStateRepository;
  rules: { current(): Promise<AlertRule[]> };
  cardSettingsNow: CardSettingsNow;
  escalation: Pick<Escalation, 'policy' | 'crowdsFor' | 'crowdKey' | 'escalateIfDue'>;
  notifier: Pick<AlertNotifier, 'applyCardPlan'>;
  /** Storm safety: level-2 groups past a chat's card allowance fold into a summary card. */
  storms: StormFolding;
  maintenance: Pick<MaintenanceMuting, 'noteMuted'>;
  flap: { threshold: number; windowMinutes: number; dampSeconds: number };
  clock: () => Date;
  log: Pick<FastifyBaseLogger, 'error'>;
}) {
  /**
   * The group-state pass: takes the changes stored batches left (oldest first, up to `limit`), locks
   * their groups in id order and moves each group on — counts, status, flapping, growth raise, storm
   * folding, escalation and its card — in one transaction. Returns how many changes it took.
   */
  async function applyPendingChanges(limit: number): Promise<number> {
    const pending = await repo.peekChanges(limit);
    if (pending.length === 0) return 0;
    const now = clock();
    const [ruleList, cardSettings] = await Promise.all([rules.current(), cardSettingsNow()]);
    const ruleByName = new Map(ruleList.map((rule) => [rule.name, rule]));
    // Level-1 groups page; so may a level-2 group whose rule raises it when it grows. People are
    // looked up before the transaction (and cached across passes).
    const pageable = pending.filter((change) => change.level === 1 || (change.level === 2 && Boolean(ruleByName.get(change.matchedRule ?? '')?.raiseAtFiring)));
    const crowds = await escalation.crowdsFor(pageable.map((change) => ({ scheduleId: change.onCallScheduleId, owner: change.owner })), now);
    const policies = new Map<string, EscalationPolicy>();
    for (const change of pageable) if (!policies.has(change.escalationPolicyId ?? '')) policies.set(change.escalationPolicyId ?? '', await escalation.policy(change.escalationPolicyId));

    await db.transaction(async (tx) => {
      const { changes, groups } = await repo.claimChanges(pending[pending.length - 1]!.id, tx);
      const merged = mergeChanges(changes);
      const states: AlertGroupRow[] = [];
      const events: GroupEventInput[] = [];
      const muted: MutedGroupNote[] = [];
      const storm = storms.batch();
      for (const row of groups) {
        const { delta, climb, summary, muted: windows } = merged.get(String(row.id))!;
        // A group only climbs by ingest (a more severe alert joined); 升级 by hand is kept.
        const climbs = climb !== null && climb.level < row.level;
        const before: AlertGroupRow = { ...row, ...(climbs ? { level: climb.level, levelReason: climb.levelReason, matchedRule: climb.matchedRule } : {}), summary: summary ?? row.summary };
        const change = nextGroupState({ group: before, delta, isNew: before.alertCount === 0, now, flap: flap });
        let after: AlertGroupRow = { ...before, ...change.next };
        events.push(...change.events.map((event) => ({ groupId: after.id, at: now, kind: event.kind, actorName: 'DingOps', note: event.note })));
        const raise = after.status === 'resolved' ? null : growthRaise({ level: after.level as AlertLevel, firingCount: after.firingCount, alreadyRaised: after.growthRaisedAt !== null, rule: ruleByName.get(after.matchedRule ?? '') });
        if (raise) {
          events.push({ groupId: after.id, at: now, kind: 'raised', actorName: 'DingOps', note: `${levelNames[after.level as AlertLevel]} → ${levelNames[raise.level]}：同组 ${after.firingCount} 条告警触发中` });
          after = { ...after, level: raise.level, levelReason: raise.reason, growthRaisedAt: now };
        }
        const crowd = crowds.get(escalation.crowdKey(after));
        const flapStarted = change.events.some((event) => event.kind === 'flapping');
        let plan = cardPlan({ group: after, statusChanged: change.statusChanged, flapStarted, now, settings: cardSettings });
        if (plan === 'create' && (await storm.decide(after, { now, executor: tx })) === 'fold') {
          after = storm.fold(after, { now, events });
          plan = 'none';
        } else if (after.cardState === 'folded' && change.statusChanged) storm.touch(after);
        after = await escalation.escalateIfDue(tx, after, { crowd, policy: policies.get(after.escalationPolicyId ?? ''), now, cardJustCreated: plan === 'create', events });
        after = await notifier.applyCardPlan(tx, after, { plan, now, atUsers: crowd?.primary ?? [] });
        muted.push(...windows.map((window) => ({ groupId: row.id, windowId: window.windowId, title: window.title, occurrenceStartsAt: new Date(window.occurrenceStartsAt) })));
        const unchanged = !climbs && !raise && after.summary === row.summary && delta.firingDelta === 0 && delta.mutedFiringDelta === 0 && delta.added === 0 && delta.flips === 0 && change.events.length === 0 && after.cardVersion === row.cardVersion && after.cardDirty === row.cardDirty && after.cardState === row.cardState && after.escalationStepsDone.join() === row.escalationStepsDone.join();
        if (!unchanged) states.push(after);
      }
      await repo.updateGroupStates(states, events, now, tx);
      await storm.commit(tx, now);
      await maintenance.noteMuted(tx, muted, now);
    });
    return pending.length;
  }
  const runner = createGroupChangeRunner({ apply: applyPendingChanges, batchSize: 2000, minIntervalMs: 50, maxIntervalMs: 500, msPerChange: 0.5, onError: (error) => log.error({ err: error }, 'Alert group-state pass failed; it runs again with the next batch or job') });

  return {
    /** Resolves once a pass that started after this call has run (see group-changes.ts). */
    flush: () => runner.flush(),
    /** A stored webhook batch's wait for its groups: the pass when idle, none under load. */
    settle: () => runner.settle(),
  };
}

export type GroupStatePass = ReturnType<typeof createGroupStatePass>;
