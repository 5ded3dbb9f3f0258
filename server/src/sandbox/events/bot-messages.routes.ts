import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { robotMessageTopic } from '../../dingtalk/stream-topics';
import { contentOfWebhookBody, mentionsOf } from '../messaging/message-content';
import { enterpriseRobotKey } from '../messaging/robots';
import { robotChatId } from '../messaging/timeline';
import { baseUrlOf, oapiFailure, sendInvalidBody, sendProblem } from '../replies';
import type { SandboxState } from '../state';
import { buildRobotMessage, defaultRobotName } from './bot-messages';

const botMessageBody = z.object({
  userId: z.string().trim().min(1).max(64),
  /** Omit for a 1:1 chat with the robot. */
  openConversationId: z.string().trim().min(1).optional(),
  text: z.string().trim().min(1).max(5000),
});

const sessionQuery = z.object({ session: z.string().min(1) });

/**
 * Someone writes to the app's robot (`POST /sandbox/api/bot-messages`): the message shows in the
 * chat and DingTalk's payload is pushed to the app, with a `sessionWebhook` the app may answer
 * through (`POST /robot/sendBySession?session=`) until it expires.
 */
export const botMessageRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { org, messaging } = state;
  const robotName = () => messaging.robots.get(enterpriseRobotKey)?.name ?? defaultRobotName;

  app.post('/sandbox/api/bot-messages', async (request, reply) => {
    const body = botMessageBody.safeParse(request.body ?? {});
    if (!body.success) return sendInvalidBody(request, reply, body.error);
    const { userId, openConversationId, text } = body.data;
    const sender = org.getUser(userId);
    if (!sender) return sendProblem(request, reply, { status: 404, code: 'sandbox.user_not_found', title: 'Not Found', detail: `No person with userId "${userId}" in the sandbox org` });
    const group = openConversationId ? org.getGroup(openConversationId) : null;
    if (openConversationId && !group) return sendProblem(request, reply, { status: 404, code: 'sandbox.group_not_found', title: 'Not Found', detail: `No group chat "${openConversationId}"` });
    if (group && !group.memberUserIds.includes(userId)) {
      return sendProblem(request, reply, { status: 409, code: 'sandbox.not_a_member', title: 'Conflict', detail: `${sender.name} is not in ${group.title}` });
    }

    const chatId = group ? group.openConversationId : robotChatId(userId);
    const stored = group
      ? messaging.recordUserMessage({ conversationId: chatId, userId, text })
      : messaging.timeline.addMessage({ conversationId: chatId, sender: { kind: 'user', userId, name: sender.name }, via: 'user', content: { msgtype: 'text', title: null, text, buttons: [], links: [], url: null, picUrl: null, form: [] } });

    const createAt = state.now();
    const session = state.robotSessions.open({ conversationId: chatId, conversationType: group ? '2' : '1', userId, robotCode: state.app.clientId, createdAt: createAt });
    const message = buildRobotMessage({
      app: state.app,
      sender,
      group: group ?? null,
      members: group ? group.memberUserIds.flatMap((id) => org.getUser(id) ?? []) : [],
      text,
      robotName: robotName(),
      createAt,
      sessionWebhook: `${baseUrlOf(request)}/robot/sendBySession?session=${session.session}`,
      sessionWebhookExpiredTime: session.expiresAt,
    });
    // Robot messages are fire-and-forget on DingTalk: answer now, deliver in the background.
    void state.events.publishCallback({ topic: robotMessageTopic, data: message });
    return reply.status(202).send({ msgId: message.msgId, conversationId: message.conversationId, messageId: stored?.id ?? null, message });
  });

  /** The reply URL a robot message carries: no token, one conversation, until it expires. */
  app.post('/robot/sendBySession', async (request) => {
    const query = sessionQuery.safeParse(request.query);
    const session = query.success ? state.robotSessions.resolve(query.data.session) : null;
    // What DingTalk answers once a session is gone (seen in the field).
    if (!session) return oapiFailure(300001, 'session 不存在');
    const payload = (request.body ?? {}) as Record<string, unknown>;
    const content = contentOfWebhookBody(payload);
    if (!content.ok) return oapiFailure(40035, `不合法的参数: ${content.field}`);
    messaging.timeline.addMessage({
      conversationId: session.conversationId,
      sender: { kind: 'robot', robotKey: enterpriseRobotKey, name: robotName() },
      via: 'robot_api',
      content: content.content,
      mentions: mentionsOf(payload.at),
    });
    return { errcode: 0, errmsg: 'ok' };
  });
};
