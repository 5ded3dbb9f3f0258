import type { EscalationPolicy, EscalationStep } from '@dingops/shared/oncall';
import { planEscalation } from '@dingops/shared/rules/escalation';
import type { Db, Executor } from '../../../db/client';
import type { AuditService } from '../../../platform/audit/audit.service';
import { systemContext } from '../../../platform/audit/audit.service';
import type { AlertGroupRow } from '../alerts.table';
import type { GroupEventInput, GroupsRepository } from '../groups/groups.repository';
import type { AlertNotifier } from '../notify/alert-notifier';
import type { Crowd, PeopleDirectory } from './people';

/**
 * Escalation (rule F4): a firing, unacknowledged, unmuted level-1 group walks its policy. The
 * group-state pass starts the walk as a group is folded in; the job carries it on.
 */
export function createEscalation({ db, repo, audit, people, notifier, clock }: { db: Db; repo: GroupsRepository; audit: AuditService; people: PeopleDirectory; notifier: AlertNotifier; clock: () => Date }) {
  /** Everyone escalation could reach for these groups, fetched before any transaction (and cached). */
  async function crowdsFor(groups: { scheduleId: string | null; owner: string | null }[], now: Date): Promise<Map<string, Crowd>> {
    const crowds = new Map<string, Crowd>();
    for (const group of groups) {
      const key = `${group.scheduleId ?? ''}|${group.owner ?? ''}`;
      if (!crowds.has(key)) crowds.set(key, await people.crowdFor({ scheduleId: group.scheduleId, owner: group.owner, at: now }));
    }
    return crowds;
  }
  const crowdKey = (group: Pick<AlertGroupRow, 'onCallScheduleId' | 'labels'>) => `${group.onCallScheduleId ?? ''}|${group.labels.owner ?? ''}`;

  /** Where a group's walk stands at `now`, with `canReach` saying which steps find anyone (see planEscalation). */
  const planFor = (group: AlertGroupRow, { policy, now, canReach }: { policy: EscalationPolicy; now: Date; canReach: (step: EscalationStep) => boolean }) =>
    // A group raised by growth starts its escalation when it became level 1, not when it opened.
    planEscalation({ policy, openedAt: group.growthRaisedAt ?? group.openedAt, acknowledgedAt: group.acknowledgedAt, resolvedAt: group.resolvedAt, doneSteps: group.escalationStepsDone, now, canReach });
  const isWalking = (group: AlertGroupRow) => group.level === 1 && group.status === 'firing' && !group.suppressed;

  /** A level-1 group that is firing and not muted pages whoever its policy says is due now (a step with nobody passes on at once). */
  async function escalateIfDue(tx: Executor, group: AlertGroupRow, { crowd, policy, now, cardJustCreated, events }: { crowd: Crowd | undefined; policy: EscalationPolicy | undefined; now: Date; cardJustCreated: boolean; events: GroupEventInput[] }): Promise<AlertGroupRow> {
    if (!crowd || !policy || !isWalking(group)) return group;
    const plan = planFor(group, { policy, now, canReach: notifier.reachability(crowd) });
    if (plan.actions.length === 0) return group;
    return notifier.runSteps(tx, group, { policy, plan, crowd, now, cardJustCreated, events });
  }

  return {
    policy: (policyId: string | null) => people.policy(policyId),
    crowdsFor,
    crowdKey,
    escalateIfDue,

    /**
     * Walks unacknowledged level-1 groups through their escalation policy (restart-safe: the walk is
     * stored), and tries again each run the steps that found nobody, so whoever was missing (an empty
     * rota, DingTalk down while it was being filled) is paged as soon as they can be.
     */
    async escalate(): Promise<number> {
      let stepsRun = 0;
      for (const { id } of await repo.escalationCandidates(500)) {
        const now = clock();
        const snapshot = await repo.findGroup(id);
        if (!snapshot) continue;
        const policy = await people.policy(snapshot.escalationPolicyId);
        // Nothing due and nothing to retry: no need to look anyone up.
        if (planFor(snapshot, { policy, now, canReach: () => true }).actions.length === 0) continue;
        const crowd = await people.crowdFor({ scheduleId: snapshot.onCallScheduleId, owner: snapshot.labels.owner ?? null, at: now });
        if (planFor(snapshot, { policy, now, canReach: notifier.reachability(crowd) }).actions.length === 0) continue;
        await db.transaction(async (tx) => {
          const group = await repo.lockGroup(id, tx);
          if (!group) return;
          const events: GroupEventInput[] = [];
          let after = await escalateIfDue(tx, group, { crowd, policy, now, cardJustCreated: false, events });
          if (events.length === 0) return;
          stepsRun += events.length;
          after = after.cardState === 'sent' ? await notifier.updateCard(tx, after, { now }) : await notifier.createCard(tx, after, { now, atUsers: crowd.primary });
          await repo.updateGroup(id, { escalationStepsDone: after.escalationStepsDone, cardState: after.cardState, cardVersion: after.cardVersion, cardUpdatedAt: after.cardUpdatedAt, cardCreatedAt: after.cardCreatedAt, cardDirty: after.cardDirty, updatedAt: now }, tx);
          await repo.addEvents(events, tx);
          await audit.record(systemContext, { action: 'alerts.escalated', target: { type: 'alert_group', id: String(id) }, summary: { steps: events.length } }, tx);
        });
      }
      return stepsRun;
    },
  };
}

export type Escalation = ReturnType<typeof createEscalation>;
