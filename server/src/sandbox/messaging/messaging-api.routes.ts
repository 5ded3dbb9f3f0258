import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { avatarUrl } from '../wire-render';
import { baseUrlOf, sendInvalidBody, sendProblem } from '../replies';
import type { SandboxState } from '../state';
import { sandboxCardTemplates } from './card-templates';
import { viewOfCard, viewOfItem, previewOf, viewOfRobot } from './render';
import { robotChatId } from './timeline';

// The sandbox's own view of messaging (not DingTalk's API): chats with their robots, messages and
// cards, work notifications, robot counters and settings. Mounted under /sandbox/api.

const userQuery = z.object({ userId: z.string().trim().min(1) });
const userMessageBody = z.object({ userId: z.string().trim().min(1).max(64), text: z.string().trim().min(1).max(5000) });
const viewerQuery = z.object({ viewerId: z.string().trim().min(1).optional() });
const securityBody = z.object({ keywords: z.array(z.string().trim().min(1)).max(10).optional(), signing: z.boolean().optional() });
const rateLimitBody = z.object({ windowMs: z.number().int().min(1).max(3_600_000).optional(), penaltyMs: z.number().int().min(0).max(86_400_000).optional() });

function sendInvalidQuery(request: FastifyRequest, reply: FastifyReply, error: z.ZodError) {
  const errors = error.issues.map((issue) => ({ path: ['query', ...issue.path.map(String)].join('.'), message: issue.message }));
  return sendProblem(request, reply, { status: 400, code: 'sandbox.invalid_request', title: 'Bad Request', detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors });
}

const notFound = (request: FastifyRequest, reply: FastifyReply, code: string, detail: string) => sendProblem(request, reply, { status: 404, code, title: 'Not Found', detail });

export const messagingApiRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { messaging, org } = state;

  app.get('/conversations', async (request) => {
    const baseUrl = baseUrlOf(request);
    return {
      conversations: org.listGroups().map((group) => ({
        id: group.openConversationId,
        key: group.key,
        title: group.title,
        ownerUserId: group.ownerUserId,
        departmentId: group.departmentId,
        members: group.memberUserIds.flatMap((userId) => {
          const user = org.getUser(userId);
          return user ? [{ userId, name: user.name, title: user.title, avatarUrl: avatarUrl(baseUrl, user) }] : [];
        }),
        robots: messaging.robots.inConversation(group.openConversationId).map((robot) => viewOfRobot(robot, baseUrl)),
        lastMessage: previewOf(messaging.timeline.last(group.openConversationId), messaging),
      })),
    };
  });

  app.get<{ Params: { id: string } }>('/conversations/:id/messages', async (request, reply) => {
    const query = viewerQuery.safeParse(request.query);
    if (!query.success) return sendInvalidQuery(request, reply, query.error);
    const group = org.getGroup(request.params.id);
    if (!group) return notFound(request, reply, 'sandbox.conversation_not_found', `No group chat "${request.params.id}" in the sandbox`);
    const items = messaging.timeline.list(group.openConversationId).map((item) => viewOfItem(item, messaging, org, query.data.viewerId));
    return { conversation: { id: group.openConversationId, title: group.title }, items };
  });

  /**
   * A person writes in a group without @-ing the robot: shown in the chat, pushed to nobody (on
   * DingTalk only @-messages reach a robot; those go through POST /bot-messages).
   */
  app.post<{ Params: { id: string } }>('/conversations/:id/messages', async (request, reply) => {
    const body = userMessageBody.safeParse(request.body ?? {});
    if (!body.success) return sendInvalidBody(request, reply, body.error);
    const group = org.getGroup(request.params.id);
    if (!group) return notFound(request, reply, 'sandbox.conversation_not_found', `No group chat "${request.params.id}" in the sandbox`);
    if (!org.getUser(body.data.userId)) return notFound(request, reply, 'sandbox.user_not_found', `No person with userId "${body.data.userId}"`);
    if (!group.memberUserIds.includes(body.data.userId)) {
      return sendProblem(request, reply, { status: 409, code: 'sandbox.not_a_member', title: 'Conflict', detail: `${org.getUser(body.data.userId)?.name} is not in ${group.title}` });
    }
    const message = messaging.recordUserMessage({ conversationId: group.openConversationId, userId: body.data.userId, text: body.data.text });
    return reply.status(201).send({ id: message?.id });
  });

  /** A person's 1:1 chat with the enterprise robot: batchSendOTO messages and IM_ROBOT cards. */
  app.get('/direct-messages', async (request, reply) => {
    const query = userQuery.safeParse(request.query);
    if (!query.success) return sendInvalidQuery(request, reply, query.error);
    if (!org.getUser(query.data.userId)) return notFound(request, reply, 'sandbox.user_not_found', `No person with userId "${query.data.userId}"`);
    const items = messaging.timeline.list(robotChatId(query.data.userId)).map((item) => viewOfItem(item, messaging, org, query.data.userId));
    return { userId: query.data.userId, items };
  });

  app.get('/work-notifications', async (request, reply) => {
    const query = userQuery.safeParse(request.query);
    if (!query.success) return sendInvalidQuery(request, reply, query.error);
    if (!org.getUser(query.data.userId)) return notFound(request, reply, 'sandbox.user_not_found', `No person with userId "${query.data.userId}"`);
    const notifications = messaging.workNotifications.listFor(query.data.userId).map((n) => ({
      id: n.id,
      taskId: n.taskId,
      agentId: n.agentId,
      ...n.content,
      msg: n.msg,
      createdAt: new Date(n.createdAt).toISOString(),
    }));
    return { userId: query.data.userId, notifications };
  });

  app.get('/robots', async (request) => ({ robots: messaging.robots.list().map((robot) => viewOfRobot(robot, baseUrlOf(request))) }));

  app.get<{ Params: { key: string } }>('/robots/:key/stats', async (request, reply) => {
    const stats = messaging.robotStats(request.params.key);
    return stats ?? notFound(request, reply, 'sandbox.robot_not_found', `No robot "${request.params.key}" in the sandbox`);
  });

  /** A webhook robot's security settings: keywords (up to 10) and signing on or off. */
  app.put<{ Params: { key: string } }>('/robots/:key/security', async (request, reply) => {
    const body = securityBody.safeParse(request.body ?? {});
    if (!body.success) return sendInvalidBody(request, reply, body.error);
    const robot = messaging.robots.configureSecurity(request.params.key, body.data);
    if (!robot) return notFound(request, reply, 'sandbox.robot_not_found', `No webhook robot "${request.params.key}" in the sandbox`);
    return viewOfRobot(robot, baseUrlOf(request));
  });

  /** The custom robots' window and penalty (DingTalk: 60 s and 600 s); tests shrink both. */
  app.get('/rate-limit', async () => messaging.limiter.settings());
  app.put('/rate-limit', async (request, reply) => {
    const body = rateLimitBody.safeParse(request.body ?? {});
    if (!body.success) return sendInvalidBody(request, reply, body.error);
    return messaging.limiter.configure(body.data);
  });

  app.get('/card-templates', async () => ({ templates: sandboxCardTemplates }));

  app.get<{ Params: { outTrackId: string } }>('/cards/:outTrackId', async (request, reply) => {
    const query = viewerQuery.safeParse(request.query);
    if (!query.success) return sendInvalidQuery(request, reply, query.error);
    const card = messaging.cards.get(request.params.outTrackId);
    if (!card) return notFound(request, reply, 'sandbox.card_not_found', `No card with outTrackId "${request.params.outTrackId}"`);
    return viewOfCard(card, org, query.data.viewerId);
  });
};
