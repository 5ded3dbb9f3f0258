import type { OnCallPerson } from '@dingops/shared/oncall';
import type { Executor } from '../../../db/client';
import { fitList, jsonBytes, maxRobotBodyBytes } from '../../../dingtalk/message-size';
import type { OutboxService } from '../../../platform/outbox/outbox.service';
import type { AlertGroupRow } from '../alerts.table';
import type { CardPlan } from '../group-state/group-state.rules';
import { alertCardParams, alertGroupCardId, digestCardParams, digestOrder } from '../groups/group-cards';
import { type ChatMessages, type NotifySettings, priorityOf, sourceOf } from './chat-messages';

/** A group's card (created once, then updated in place, ordered by its outTrackId), level 3's digest card and repeat reminders. */
export function createCardMessages({ outbox, settings, chat }: { outbox: OutboxService; settings: NotifySettings; chat: ChatMessages }) {
  const { spaceOf, groupMessage } = chat;
  const canCard = (group: AlertGroupRow) => settings.cardTemplateId !== null && spaceOf(group) !== null;

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
      source: sourceOf(group),
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
      source: sourceOf(group),
    });
    return { ...group, cardVersion: version, cardUpdatedAt: now, cardDirty: false };
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

  return {
    createCard,
    updateCard,

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
