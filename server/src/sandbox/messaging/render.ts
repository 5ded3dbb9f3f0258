import type { OrgDirectory } from '../org';
import type { SandboxCard } from './card-store';
import { findCardTemplate, renderCard } from './card-templates';
import type { MessagingState } from './messaging-state';
import type { SandboxRobot } from './robots';
import { robotChatId, type TimelineItem } from './timeline';

// Sandbox records → the JSON the sandbox API and console read. Times are ISO strings.

const iso = (ms: number) => new Date(ms).toISOString();

/** A card as `viewerId` sees it: shared data overlaid with that person's private data. */
export function viewOfCard(card: SandboxCard, org: OrgDirectory, viewerId?: string) {
  const data = { ...card.cardParamMap, ...(viewerId ? card.privateData[viewerId] : undefined) };
  const template = findCardTemplate(card.cardTemplateId);
  return {
    outTrackId: card.outTrackId,
    cardTemplateId: card.cardTemplateId,
    cardParamMap: data,
    render: renderCard(template, data),
    privateData: card.privateData,
    callbackType: card.callbackType,
    callbackRouteKey: card.callbackRouteKey,
    deliveries: card.deliveries.map((delivery) => ({
      ...delivery,
      atNames: Object.entries(delivery.atUserIds).map(([userId, name]) => (userId === '@ALL' ? '所有人' : (org.getUser(userId)?.name ?? name))),
      at: iso(delivery.at),
    })),
    updates: card.updates.map((update) => ({ ...update, at: iso(update.at) })),
    clicks: card.clicks.map((click) => ({ ...click, at: iso(click.at) })),
    createdAt: iso(card.createdAt),
    updatedAt: iso(card.updatedAt),
  };
}

export function viewOfItem(item: TimelineItem, messaging: MessagingState, org: OrgDirectory, viewerId?: string) {
  const base = { id: item.id, seq: item.seq, conversationId: item.conversationId, sender: item.sender, createdAt: iso(item.createdAt) };
  if (item.kind === 'card') {
    const card = messaging.cards.get(item.outTrackId);
    const delivery = card?.deliveries.find((entry) => entry.spaceId === item.conversationId || robotChatId(entry.spaceId) === item.conversationId);
    return {
      ...base,
      kind: 'card' as const,
      ...(card ? viewOfCard(card, org, viewerId) : { outTrackId: item.outTrackId }),
      atNames: delivery ? Object.entries(delivery.atUserIds).map(([userId, name]) => (userId === '@ALL' ? '所有人' : (org.getUser(userId)?.name ?? name))) : [],
    };
  }
  return {
    ...base,
    kind: 'message' as const,
    via: item.via,
    ...item.content,
    processQueryKey: item.processQueryKey,
    mentions: {
      ...item.mentions,
      names: [
        ...item.mentions.userIds.map((userId) => org.getUser(userId)?.name ?? userId),
        ...item.mentions.mobiles.map((mobile) => org.listUsers().find((user) => user.mobile === mobile)?.name ?? mobile),
      ],
    },
  };
}

/** One line for the chat list, as DingTalk previews the last message. */
export function previewOf(item: TimelineItem | undefined, messaging: MessagingState): { text: string; senderName: string; at: string } | null {
  if (!item) return null;
  const text =
    item.kind === 'card'
      ? `[卡片] ${messaging.cards.get(item.outTrackId)?.cardParamMap.title ?? ''}`
      : item.content.msgtype === 'text'
        ? item.content.text
        : `[${item.content.msgtype === 'markdown' ? '消息' : item.content.msgtype === 'actionCard' ? '卡片' : '链接'}] ${item.content.title ?? ''}`;
  return { text: text.slice(0, 80), senderName: item.sender.name, at: iso(item.createdAt) };
}

export function viewOfRobot(robot: SandboxRobot, baseUrl: string) {
  return {
    key: robot.key,
    kind: robot.kind,
    name: robot.name,
    robotCode: robot.robotCode,
    webhookUrl: robot.accessToken ? `${baseUrl}/robot/send?access_token=${robot.accessToken}` : null,
    secret: robot.secret,
    keywords: robot.keywords,
    conversationIds: robot.conversationIds,
  };
}
