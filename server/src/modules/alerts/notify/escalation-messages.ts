import type { EscalationPolicy, EscalationStep, EscalationTarget, OnCallPerson } from '@dingops/shared/oncall';
import { type EscalationPlan, recordAfter } from '@dingops/shared/rules/escalation';
import type { Executor } from '../../../db/client';
import type { OutboxService } from '../../../platform/outbox/outbox.service';
import type { AlertGroupRow } from '../alerts.table';
import type { Crowd } from '../escalation/people';
import type { GroupEventInput } from '../groups/groups.repository';
import { escalationFallbackMessage, escalationFallbackNote, escalationMessage, escalationStepNote, escalationTargetNames, pageDingContent, pageNotification } from '../groups/group-cards';
import { type ChatMessages, type NotifySettings, priorityOf, sourceOf } from './chat-messages';

/**
 * Escalation's messages: pages and DINGs to people, @s in the card's group, the leadership group's
 * post, and the fallback; idempotent per group opening and step, so a retry or restart never repeats one.
 */
export function createEscalationMessages({ outbox, settings, chat, onEscalation }: { outbox: OutboxService; settings: NotifySettings; chat: ChatMessages; onEscalation: (target: EscalationTarget | 'fallback') => void }) {
  const { spaceOf, groupMessage } = chat;
  const openingKey = (group: AlertGroupRow) => `alert-group:${group.id}:${group.openedAt.getTime()}`;

  /** Level 1 rings the primary on-call too (钉一下, in the app); its own key keeps a re-run from ringing twice. */
  async function ding(tx: Executor, { group, people, key }: { group: AlertGroupRow; people: OnCallPerson[]; key: string }) {
    if (people.length === 0 || group.level !== 1) return;
    await outbox.enqueue(tx, {
      kind: 'dingtalk.robot_ding',
      payload: { robotCode: settings.robotCode, receiverUserIds: people.slice(0, 20).map((person) => person.dingtalkUserId), content: pageDingContent(group, { publicUrl: settings.publicUrl }), remindType: 'app' },
      idempotencyKey: key,
      priority: priorityOf(group),
      source: sourceOf(group),
    });
  }

  async function page(tx: Executor, { group, people, key, why }: { group: AlertGroupRow; people: OnCallPerson[]; key: string; why: string }) {
    if (people.length === 0) return;
    await outbox.enqueue(tx, {
      kind: 'dingtalk.work_notification',
      payload: { userIds: people.map((person) => person.dingtalkUserId), msg: pageNotification(group, { publicUrl: settings.publicUrl, why }) },
      idempotencyKey: key,
      priority: priorityOf(group),
      source: sourceOf(group),
    });
  }

  const peopleOf = (target: Exclude<EscalationTarget, 'leadership_group'>, crowd: Crowd) => (target === 'oncall_primary' ? crowd.primary : target === 'oncall_secondary' ? crowd.secondary : crowd.leads);

  /** Whether a step finds anyone to tell: someone on its rota, or a configured leadership group. */
  const reachability = (crowd: Crowd) => (step: EscalationStep) =>
    step.notify.some((target) => (target === 'leadership_group' ? settings.leadershipGroupId !== null : peopleOf(target, crowd).length > 0));

  /** One step's targets told: work notification (and DING for the primary), an @ in the card's group, the leadership group's post. */
  async function notifyStep(tx: Executor, group: AlertGroupRow, { index, step, crowd, now, cardJustCreated }: { index: number; step: EscalationStep; crowd: Crowd; now: Date; cardJustCreated: boolean }): Promise<string[]> {
    const reached: string[] = [];
    const minutes = Math.round((now.getTime() - group.openedAt.getTime()) / 60_000);
    for (const target of step.notify) {
      const key = `${openingKey(group)}:step:${index}:${target}`;
      if (target === 'leadership_group') {
        if (!settings.leadershipGroupId) continue;
        await groupMessage(tx, { group, conversationId: settings.leadershipGroupId, msg: escalationMessage(group, { names: [], publicUrl: settings.publicUrl, minutes }), key });
        reached.push(escalationTargetNames.leadership_group);
      } else {
        const people = peopleOf(target, crowd);
        if (people.length === 0) continue;
        const why = index === 0 ? '你是当前值班人员。' : `已 ${minutes} 分钟无人认领，升级通知你。`;
        await page(tx, { group, people, key: `${key}:notify`, why });
        if (target === 'oncall_primary') await ding(tx, { group, people, key: `${key}:ding` });
        // The first page rides on the card's own @; later steps @ people in the card's group.
        const space = spaceOf(group);
        if (space && !(cardJustCreated && target === 'oncall_primary')) {
          await groupMessage(tx, { group, conversationId: space, msg: escalationMessage(group, { names: people.map((person) => person.name), publicUrl: settings.publicUrl, minutes }), key: `${key}:at`, atUserIds: people.map((person) => person.dingtalkUserId) });
        }
        reached.push(...people.map((person) => person.name));
      }
      onEscalation(target);
    }
    return reached;
  }

  /**
   * No step of the policy reaches anyone: the card's group (which always exists) is told, @-ing every
   * IT person DingOps knows, and so is the leadership group. Once per group opening.
   */
  async function fallBack(tx: Executor, group: AlertGroupRow, { crowd, now }: { crowd: Crowd; now: Date }): Promise<string> {
    const minutes = Math.round((now.getTime() - group.openedAt.getTime()) / 60_000);
    const key = `${openingKey(group)}:fallback`;
    const space = spaceOf(group);
    const told: string[] = [];
    if (space) {
      await groupMessage(tx, { group, conversationId: space, msg: escalationFallbackMessage(group, { names: crowd.it.map((person) => person.name), publicUrl: settings.publicUrl, minutes }), key: `${key}:chat`, atUserIds: crowd.it.map((person) => person.dingtalkUserId) });
      told.push(crowd.it.length > 0 ? `告警群（@${crowd.it.map((person) => person.name).join('、')}）` : '告警群');
    }
    if (settings.leadershipGroupId && settings.leadershipGroupId !== space) {
      await groupMessage(tx, { group, conversationId: settings.leadershipGroupId, msg: escalationFallbackMessage(group, { names: [], publicUrl: settings.publicUrl, minutes }), key: `${key}:leadership` });
      told.push(escalationTargetNames.leadership_group);
    }
    onEscalation('fallback');
    return escalationFallbackNote(told);
  }

  /**
   * Carries out an escalation plan (see planEscalation): steps told, steps passed for want of anyone
   * (the timeline and card say so, and the next step ran at once), retries of passed steps, and the
   * fallback. Returns the group with its walk record updated.
   */
  async function runSteps(
    tx: Executor,
    group: AlertGroupRow,
    { policy, plan, crowd, now, cardJustCreated, events }: { policy: EscalationPolicy; plan: EscalationPlan; crowd: Crowd; now: Date; cardJustCreated: boolean; events: GroupEventInput[] },
  ): Promise<AlertGroupRow> {
    const note = (text: string, data: Record<string, unknown>) => events.push({ groupId: group.id, at: now, kind: 'escalation_step', actorName: 'DingOps', note: text, data: { ...data, policyId: policy.id } });
    for (const { step: index, kind } of plan.actions) {
      const step = policy.steps[index];
      if (!step) continue;
      const reached = kind === 'pass' ? [] : await notifyStep(tx, group, { index, step, crowd, now, cardJustCreated });
      note(escalationStepNote({ index, targets: step.notify, reached, kind, isLast: index === policy.steps.length - 1 }), { step: index, notify: step.notify, outcome: kind });
    }
    if (plan.fallback) events.push({ groupId: group.id, at: now, kind: 'escalation_fallback', actorName: 'DingOps', note: await fallBack(tx, group, { crowd, now }), data: { policyId: policy.id } });
    return { ...group, escalationStepsDone: recordAfter(group.escalationStepsDone, plan.actions) };
  }

  return { reachability, runSteps };
}
