import { randomUUID } from 'node:crypto';
import type { MessageContent, MessageMentions } from './message-content';

// What each chat shows, in order: messages and card placements. Group chats are keyed by their
// openConversationId; a person's 1:1 chat with the enterprise robot by `robotChatId(userId)`.

export type Sender = { kind: 'robot'; robotKey: string; name: string } | { kind: 'user'; userId: string; name: string };

export interface StoredMessage {
  kind: 'message';
  id: string;
  seq: number;
  conversationId: string;
  sender: Sender;
  /** How it arrived: a custom robot webhook, the enterprise robot API, or a person typing. */
  via: 'webhook' | 'robot_api' | 'user';
  content: MessageContent;
  mentions: MessageMentions;
  processQueryKey: string | null;
  createdAt: number;
}

export interface CardPlacement {
  kind: 'card';
  id: string;
  seq: number;
  conversationId: string;
  sender: Sender;
  outTrackId: string;
  createdAt: number;
}

export type TimelineItem = StoredMessage | CardPlacement;

export const robotChatId = (userId: string) => `robot-chat:${userId}`;

const noMentions: MessageMentions = { userIds: [], mobiles: [], isAtAll: false };

export type Timeline = ReturnType<typeof createTimeline>;

export function createTimeline({ now }: { now: () => number }) {
  const items: TimelineItem[] = [];
  let seq = 0;

  return {
    addMessage(input: { conversationId: string; sender: Sender; via: StoredMessage['via']; content: MessageContent; mentions?: MessageMentions; processQueryKey?: string }): StoredMessage {
      const message: StoredMessage = {
        kind: 'message',
        id: randomUUID(),
        seq: (seq += 1),
        conversationId: input.conversationId,
        sender: input.sender,
        via: input.via,
        content: input.content,
        mentions: input.mentions ?? noMentions,
        processQueryKey: input.processQueryKey ?? null,
        createdAt: now(),
      };
      items.push(message);
      return message;
    },

    placeCard(input: { conversationId: string; sender: Sender; outTrackId: string }): CardPlacement {
      const placement: CardPlacement = { kind: 'card', id: randomUUID(), seq: (seq += 1), ...input, createdAt: now() };
      items.push(placement);
      return placement;
    },

    list: (conversationId: string): TimelineItem[] => items.filter((item) => item.conversationId === conversationId),

    last(conversationId: string): TimelineItem | undefined {
      for (let index = items.length - 1; index >= 0; index -= 1) if (items[index]!.conversationId === conversationId) return items[index];
      return undefined;
    },

    all: (): readonly TimelineItem[] => items,
  };
}
