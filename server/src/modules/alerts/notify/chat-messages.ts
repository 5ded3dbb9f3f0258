import type { Executor } from '../../../db/client';
import { maxMsgParamBytes, msgParamBody, splitMarkdown } from '../../../dingtalk/message-size';
import type { OutboxService } from '../../../platform/outbox/outbox.service';
import type { AlertGroupRow } from '../alerts.table';

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

export const priorityOf = (group: Pick<AlertGroupRow, 'level'>) => (group.level === 1 ? 1 : group.level === 2 ? 3 : 9);
/** The outbox's `source` of everything said about a group. */
export const sourceOf = (group: AlertGroupRow) => `alerts:${group.id}`;

/** Where a group's card and messages go (its route, else the IT ops group), and markdown messages to a chat. */
export function createChatMessages({ outbox, settings }: { outbox: OutboxService; settings: { robotCode: string; itGroupId: string | null } }) {
  const spaceOf = (group: AlertGroupRow) => group.routeGroupId ?? settings.itGroupId;

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
        source: sourceOf(group),
      });
    }
  }

  return { spaceOf, groupMessage };
}

export type ChatMessages = ReturnType<typeof createChatMessages>;
