import { createHash, randomBytes } from 'node:crypto';
import type { SandboxGroup, SandboxUser } from '../org';
import type { SandboxApp } from '../types';

// The payload DingTalk pushes when someone writes to the app's robot (an @-mention in a group, or
// any message in a 1:1 chat), as on topic /v1.0/im/bot/messages/get or the robot's HTTP URL.

/** Name of the app's enterprise robot in the demo groups. */
export const defaultRobotName = '运维助手';

export interface RobotTextMessage {
  msgtype: 'text';
  text: { content: string };
  msgId: string;
  createAt: number;
  /** '1' = 1:1 chat, '2' = group. */
  conversationType: '1' | '2';
  conversationId: string;
  conversationTitle?: string;
  senderId: string;
  senderNick: string;
  senderStaffId: string;
  senderCorpId: string;
  chatbotCorpId: string;
  chatbotUserId: string;
  robotCode: string;
  isAdmin: boolean;
  isInAtList: boolean;
  atUsers: { dingtalkId: string; staffId?: string }[];
  sessionWebhook: string;
  sessionWebhookExpiredTime: number;
}

/** DingTalk's opaque per-person ids look like '$:LWCP_v1:$' + 24 Base64 characters. */
export function dingtalkIdOf(key: string): string {
  return `$:LWCP_v1:$${createHash('sha256').update(`dingtalk-id:${key}`).digest('base64').slice(0, 24)}`;
}

/** The id of a 1:1 conversation between a person and the app's robot. */
export function singleChatIdOf(app: SandboxApp, userId: string): string {
  return `cid${createHash('sha256').update(`single:${app.clientId}:${userId}`).digest('base64').slice(0, 22)}==`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Build the push for `text` written by `sender`, in `group` or 1:1 when `group` is null.
 * DingTalk removes the @robot from the content but keeps the space after it; other @names stay
 * in the text and people of the group named that way are listed in `atUsers`.
 */
export function buildRobotMessage(input: {
  app: SandboxApp;
  sender: SandboxUser;
  group: SandboxGroup | null;
  members: SandboxUser[];
  text: string;
  robotName: string;
  createAt: number;
  sessionWebhook: string;
  sessionWebhookExpiredTime: number;
}): RobotTextMessage {
  const { app, sender, group } = input;
  const chatbotUserId = dingtalkIdOf(`robot:${app.clientId}`);
  const atRobot = new RegExp(`@${escapeRegExp(input.robotName)}\\s?`, 'g');
  const stripped = input.text.replace(atRobot, '').trim();
  const mentioned = group ? input.members.filter((member) => member.userId !== sender.userId && input.text.includes(`@${member.name}`)) : [];
  return {
    msgtype: 'text',
    text: { content: ` ${stripped}` },
    msgId: `msg${randomBytes(18).toString('base64')}`,
    createAt: input.createAt,
    conversationType: group ? '2' : '1',
    conversationId: group ? group.openConversationId : singleChatIdOf(app, sender.userId),
    ...(group ? { conversationTitle: group.title } : {}),
    senderId: dingtalkIdOf(`user:${sender.userId}`),
    senderNick: sender.name,
    senderStaffId: sender.userId,
    senderCorpId: app.corpId,
    chatbotCorpId: app.corpId,
    chatbotUserId,
    robotCode: app.clientId,
    isAdmin: sender.adminLevel > 0,
    // A 1:1 message mentions nobody; how DingTalk fills these two fields there is not documented.
    isInAtList: group !== null,
    atUsers: group ? [{ dingtalkId: chatbotUserId }, ...mentioned.map((user) => ({ dingtalkId: dingtalkIdOf(`user:${user.userId}`), staffId: user.userId }))] : [],
    sessionWebhook: input.sessionWebhook,
    sessionWebhookExpiredTime: input.sessionWebhookExpiredTime,
  };
}
