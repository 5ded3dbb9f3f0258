import type { EscalationPolicy, EscalationStep, EscalationTarget, OnCallPerson } from '@dingops/shared/oncall';
import { type EscalationPlan, recordAfter } from '@dingops/shared/rules/escalation';
import type { Executor } from '../../../db/client';
import type { User } from '@dingops/shared/users';
import { fitList, jsonBytes, maxMsgParamBytes, maxRobotBodyBytes, msgParamBody, splitMarkdown } from '../../../dingtalk/message-size';
import type { OutboxService } from '../../../platform/outbox/outbox.service';
import { alertCardParams, alertGroupCardId, digestCardParams, digestOrder, escalationFallbackMessage, escalationFallbackNote, escalationMessage, escalationStepNote, escalationTargetNames, pageDingContent, pageNotification } from '../groups/group-cards';
import type { Crowd } from '../escalation/people';
import type { GroupEventInput } from '../ingest/ingest.repository';
import type { CardPlan } from '../group-state/group-state.rules';
import type { AlertGroupRow } from '../alerts.table';
import { createWarRoomRequests, type OnCallInTransaction } from '../war-room/war-room';

export interface NotifySettings {
  publicUrl: string;
  /** The enterprise robot (an internal app's robotCode is its AppKey). */
  robotCode: string;
  itGroupId: string | null;
  leadershipGroupId: string | null;
  /** Null when no alert card template is configured: then no cards. */
  cardTemplateId: string | null;
  /** Null when no scene-group template is configured: then no war rooms. */
  sceneGroupTemplateId: string | null;
}

const priorityOf = (group: Pick<AlertGroupRow, 'level'>) => (group.level === 1 ? 1 : group.level === 2 ? 3 : 9);

/**
 * Everything alerts tell DingTalk goes through the outbox, in the transaction of the change: the
 * group's card (created once, then updated in place, ordered by its outTrackId), pages and
 * escalation messages (idempotent per group opening and step, so a retry or restart never repeats one).
 */
export function createAlertNotifier({ outbox, settings, onEscalation, oncall = null }: { outbox: OutboxService; settings: NotifySettings; onEscalation: (target: EscalationTarget | 'fallback') => void; oncall?: OnCallInTransaction | null }) {
  const warRooms = createWarRoomRequests({ outbox, oncall, settings: { templateId: settings.sceneGroupTemplateId } });
  const spaceOf = (group: AlertGroupRow) => group.routeGroupId ?? settings.itGroupId;
  const canCard = (group: AlertGroupRow) => settings.cardTemplateId !== null && spaceOf(group) !== null;
  const source = (group: AlertGroupRow) => `alerts:${group.id}`;
  const openingKey = (group: AlertGroupRow) => `alert-group:${group.id}:${group.openedAt.getTime()}`;

  async function createCard(tx: Executor, group: AlertGroupRow, { now, atUsers }: { now: Date; atUsers: OnCallPerson[] }): Promise<AlertGroupRow> {
    if (!canCard(group)) return group;
    const outTrackId = alertGroupCardId(group.id);
    const mentions = group.level === 1 ? atUsers.slice(0, 20) : [];
    await outbox.enqueue(tx, {
      kind: 'dingtalk.card_create',
      payload: {
        outTrackId,
        cardTemplateId: settings.cardTemplateId!,
        cardParamMap: alertCardParams(group, { now, publicUrl: settings.publicUrl }),
        openSpaceId: `dtv1.card//IM_GROUP.${spaceOf(group)}`,
        robotCode: settings.robotCode,
        ...(mentions.length > 0 ? { atUserIds: Object.fromEntries(mentions.map((person) => [person.dingtalkUserId, person.name])) } : {}),
        callbackType: 'STREAM',
      },
      idempotencyKey: `alert-group:${group.id}:card`,
      orderingKey: outTrackId,
      priority: priorityOf(group),
      source: source(group),
    });
    return { ...group, cardState: 'sent', cardVersion: 1, cardUpdatedAt: now, cardCreatedAt: now, cardDirty: false };
  }

  async function updateCard(tx: Executor, group: AlertGroupRow, { now }: { now: Date }): Promise<AlertGroupRow> {
    if (group.cardState !== 'sent') return group;
    const outTrackId = alertGroupCardId(group.id);
    const version = group.cardVersion + 1;
    await outbox.enqueue(tx, {
      kind: 'dingtalk.card_update',
      payload: { outTrackId, cardParamMap: alertCardParams(group, { now, publicUrl: settings.publicUrl }) },
      idempotencyKey: `alert-group:${group.id}:card:v${version}`,
      orderingKey: outTrackId,
      priority: priorityOf(group),
      source: source(group),
    });
    return { ...group, cardVersion: version, cardUpdatedAt: now, cardDirty: false };
  }

  /**
   * A markdown message to a group, by the app robot or a custom robot of the chat's pool (whichever has
   * budget when it goes out); one too big for DingTalk goes as numbered parts, in order. Parts are cut
   * to the app robot's smaller limit, so every robot of the pool can carry them.
   */
  async function groupMessage(tx: Executor, { group, conversationId, msg, key, atUserIds = [] }: { group: AlertGroupRow; conversationId: string; msg: { title: string; text: string }; key: string; atUserIds?: string[] }) {
    const parts = splitMarkdown(msg, { maxBytes: maxMsgParamBytes, bodyOf: msgParamBody });
    for (const [index, part] of parts.entries()) {
      await outbox.enqueue(tx, {
        kind: 'dingtalk.pooled_group_message',
        // Only the first part @s: one page per message, not one per part.
        payload: { robotCode: settings.robotCode, openConversationId: conversationId, markdown: { title: part.title, text: part.text }, ...(index === 0 && atUserIds.length > 0 ? { atUserIds: atUserIds.slice(0, 20) } : {}) },
        idempotencyKey: parts.length === 1 ? key : `${key}:part:${index + 1}`,
        // Informational: the worker spends the budget of whichever robot of this chat's pool it picks.
        rateKey: `pool:${conversationId}`,
        ...(parts.length > 1 ? { orderingKey: key } : {}),
        priority: priorityOf(group),
        source: source(group),
      });
    }
  }

  /** Level 1 rings the primary on-call too (钉一下, in the app); its own key keeps a re-run from ringing twice. */
  async function ding(tx: Executor, { group, people, key }: { group: AlertGroupRow; people: OnCallPerson[]; key: string }) {
    if (people.length === 0 || group.level !== 1) return;
    await outbox.enqueue(tx, {
      kind: 'dingtalk.robot_ding',
      payload: { robotCode: settings.robotCode, receiverUserIds: people.slice(0, 20).map((person) => person.dingtalkUserId), content: pageDingContent(group, { publicUrl: settings.publicUrl }), remindType: 'app' },
      idempotencyKey: key,
      priority: priorityOf(group),
      source: source(group),
    });
  }

  async function page(tx: Executor, { group, people, key, why }: { group: AlertGroupRow; people: OnCallPerson[]; key: string; why: string }) {
    if (people.length === 0) return;
    await outbox.enqueue(tx, {
      kind: 'dingtalk.work_notification',
      payload: { userIds: people.map((person) => person.dingtalkUserId), msg: pageNotification(group, { publicUrl: settings.publicUrl, why }) },
      idempotencyKey: key,
      priority: priorityOf(group),
      source: source(group),
    });
  }

  /** As many groups as DingTalk's 20,000 bytes allow; the rest are counted and linked to the app. */
  function fittedDigest(groups: AlertGroupRow[], now: Date): Record<string, string> {
    const ordered = digestOrder(groups);
    return fitList({
      items: ordered,
      render: (shown) => digestCardParams(ordered, { now, publicUrl: settings.publicUrl, shown: shown.length }),
      fits: (params) => jsonBytes(params) <= maxRobotBodyBytes,
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

  return {
    publicUrl: settings.publicUrl,
    createCard,
    updateCard,
    runSteps,
    reachability,
    groupMessage,

    /** 作战群: asks DingTalk for the level-1 group's war room; the card shows it as being made. */
    openWarRoom: (tx: Executor, group: AlertGroupRow, input: { actor: User; now: Date }) => warRooms.request(tx, group, input),

    /** A repeat reminder (still firing, nobody acknowledged) in the card's group, and the card refreshed (its duration). */
    async remind(tx: Executor, group: AlertGroupRow, { msg, key, now, atUserIds = [] }: { msg: { title: string; text: string }; key: string; now: Date; atUserIds?: string[] }): Promise<AlertGroupRow> {
      const space = spaceOf(group);
      if (space) await groupMessage(tx, { group, conversationId: space, msg, key, atUserIds });
      return updateCard(tx, group, { now });
    },

    /** Carries out a card plan (see cardPlan). */
    async applyCardPlan(tx: Executor, group: AlertGroupRow, { plan, now, atUsers }: { plan: CardPlan; now: Date; atUsers: OnCallPerson[] }): Promise<AlertGroupRow> {
      if (plan === 'create') return createCard(tx, group, { now, atUsers });
      if (plan === 'update') return updateCard(tx, group, { now });
      if (plan === 'dirty') return { ...group, cardDirty: true };
      return group;
    },

    async digest(tx: Executor, groups: AlertGroupRow[], { now }: { now: Date }) {
      if (groups.length === 0 || settings.cardTemplateId === null || settings.itGroupId === null) return;
      const outTrackId = `alert-digest-${now.getTime()}`;
      await outbox.enqueue(tx, {
        kind: 'dingtalk.card_create',
        payload: { outTrackId, cardTemplateId: settings.cardTemplateId, cardParamMap: fittedDigest(groups, now), openSpaceId: `dtv1.card//IM_GROUP.${settings.itGroupId}`, robotCode: settings.robotCode, callbackType: 'STREAM' },
        idempotencyKey: `alert-digest:${now.getTime()}`,
        orderingKey: outTrackId,
        priority: 9,
        source: 'alerts:digest',
      });
    },
  };
}

export type AlertNotifier = ReturnType<typeof createAlertNotifier>;
