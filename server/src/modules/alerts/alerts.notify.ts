import type { EscalationPolicy, EscalationTarget, OnCallPerson } from '@dingops/shared/oncall';
import type { Executor } from '../../db/client';
import type { User } from '@dingops/shared/users';
import { fitList, jsonBytes, maxMsgParamBytes, maxRobotBodyBytes, msgParamBody, splitMarkdown } from '../../dingtalk/message-size';
import type { OutboxService } from '../../platform/outbox/outbox.service';
import { alertCardParams, alertGroupCardId, digestCardParams, digestOrder, escalationMessage, escalationStepNote, escalationTargetNames, pageDingContent, pageNotification } from './alerts.cards';
import type { Crowd } from './alerts.people';
import type { GroupEventInput } from './alerts.repository';
import type { CardPlan } from './alerts.rules';
import type { AlertGroupRow } from './alerts.table';
import { createWarRoomRequests, type OnCallInTransaction } from './war-room';

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
export function createAlertNotifier({ outbox, settings, onEscalation, oncall = null }: { outbox: OutboxService; settings: NotifySettings; onEscalation: (target: EscalationTarget) => void; oncall?: OnCallInTransaction | null }) {
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

  /** Carries out due escalation steps; returns the group with the steps recorded as done. */
  async function runSteps(
    tx: Executor,
    group: AlertGroupRow,
    { policy, steps, crowd, now, cardJustCreated, events }: { policy: EscalationPolicy; steps: number[]; crowd: Crowd; now: Date; cardJustCreated: boolean; events: GroupEventInput[] },
  ): Promise<AlertGroupRow> {
    const done = new Set(group.escalationStepsDone);
    for (const index of steps) {
      const step = policy.steps[index];
      if (!step || done.has(index)) continue;
      const reached: string[] = [];
      for (const target of step.notify) {
        const key = `${openingKey(group)}:step:${index}:${target}`;
        const minutes = Math.round((now.getTime() - group.openedAt.getTime()) / 60_000);
        if (target === 'leadership_group') {
          if (settings.leadershipGroupId) {
            await groupMessage(tx, { group, conversationId: settings.leadershipGroupId, msg: escalationMessage(group, { names: [], publicUrl: settings.publicUrl, minutes }), key });
            reached.push(escalationTargetNames.leadership_group);
          }
        } else {
          const people = target === 'oncall_primary' ? crowd.primary : target === 'oncall_secondary' ? crowd.secondary : crowd.leads;
          const why = index === 0 ? '你是当前值班人员。' : `已 ${minutes} 分钟无人认领，升级通知你。`;
          await page(tx, { group, people, key: `${key}:notify`, why });
          if (target === 'oncall_primary') await ding(tx, { group, people, key: `${key}:ding` });
          // The first page rides on the card's own @; later steps @ people in the card's group.
          const space = spaceOf(group);
          if (people.length > 0 && space && !(cardJustCreated && target === 'oncall_primary')) {
            await groupMessage(tx, { group, conversationId: space, msg: escalationMessage(group, { names: people.map((person) => person.name), publicUrl: settings.publicUrl, minutes }), key: `${key}:at`, atUserIds: people.map((person) => person.dingtalkUserId) });
          }
          reached.push(...people.map((person) => person.name));
        }
        onEscalation(target);
      }
      done.add(index);
      events.push({ groupId: group.id, at: now, kind: 'escalation_step', actorName: 'DingOps', note: escalationStepNote(index, step.notify, reached), data: { step: index, notify: step.notify, policyId: policy.id } });
    }
    return { ...group, escalationStepsDone: [...done].sort((a, b) => a - b) };
  }

  return {
    publicUrl: settings.publicUrl,
    createCard,
    updateCard,
    runSteps,
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
