import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { sendV1Failure } from '../replies';
import type { SandboxState } from '../state';
import { findCardTemplate } from './card-templates';
import type { SandboxRobot } from './robots';

// Read-only lookups that `pnpm run doctor` uses to check a tenant's setup without sending anything:
// a card template by id (card_1_0 GetTemplate), the robots in a group (robot_1_0 GetBotListInGroup)
// and the groups a robot is in (robot_1_0 QueryBotInstanceInGroupInfo). Paths and answer fields
// are the SDK's; the error codes for an unknown template, group or robot are UNCONFIRMED.

const templateQuery = z.object({ templateId: z.string().min(1) });
const groupBody = z.object({ openConversationId: z.string().min(1) });
const robotBody = z.object({ robotCode: z.string().min(1), pageNumber: z.coerce.number().int().min(0).default(0), pageSize: z.coerce.number().int().min(1).max(100).default(10) });

/** The variables every sandbox template binds (the card convention in cards-convention.ts). */
const conventionVariables = ['title', 'markdown', 'status', 'statusColor', 'level', 'fields', 'buttons', 'footer'];

const missing = (error: z.ZodError) => error.issues[0]?.path.join('.') || 'body';

/** DingTalk's `openRobotType`: 1 for an internal app's robot; custom webhook robots are listed without a robotCode. */
function robotListItem(robot: SandboxRobot) {
  return { robotCode: robot.robotCode ?? '', name: robot.name, openRobotType: robot.kind === 'enterprise' ? 1 : 0, downloadIconURL: '' };
}

export const lookupRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { messaging, org } = state;
  const createdAt = new Date(Date.UTC(2026, 0, 1)).toISOString();

  app.get('/v1.0/card/templates', async (request, reply) => {
    const query = templateQuery.safeParse(request.query);
    if (!query.success) return sendV1Failure(reply, 400, 'MissingParameter.templateId', 'templateId is mandatory for this action.');
    const template = findCardTemplate(query.data.templateId);
    if (!template) return sendV1Failure(reply, 400, 'invalidParameter.templateId.notExist', `卡片模板不存在: ${query.data.templateId}`);
    return {
      success: true,
      data: {
        templateId: template.id,
        name: template.name,
        status: 'published',
        type: 'im',
        creatorId: state.app.clientId,
        gmtCreate: createdAt,
        gmtModified: createdAt,
        commonVariableList: conventionVariables.map((name) => ({ name, type: 'string' })),
      },
    };
  });

  app.post('/v1.0/robot/groups/robots/query', async (request, reply) => {
    const body = groupBody.safeParse(request.body ?? {});
    if (!body.success) return sendV1Failure(reply, 400, `MissingParameter.${missing(body.error)}`, `${missing(body.error)} is mandatory for this action.`);
    if (!org.getGroup(body.data.openConversationId)) return sendV1Failure(reply, 400, 'invalidParameter.openConversationId.invalid', '群会话不存在');
    return { chatbotInstanceVOList: messaging.robots.inConversation(body.data.openConversationId).map(robotListItem) };
  });

  app.post('/v1.0/robot/groups/query', async (request, reply) => {
    const body = robotBody.safeParse(request.body ?? {});
    if (!body.success) return sendV1Failure(reply, 400, `MissingParameter.${missing(body.error)}`, `${missing(body.error)} is mandatory for this action.`);
    const robot = messaging.robots.byRobotCode(body.data.robotCode);
    if (!robot) return sendV1Failure(reply, 400, 'invalidParameter.robotCode.invalid', `机器人不存在: ${body.data.robotCode}`);
    const { pageNumber, pageSize } = body.data;
    const start = pageNumber * pageSize;
    return { openConversationIds: robot.conversationIds.slice(start, start + pageSize), hasMore: start + pageSize < robot.conversationIds.length };
  });
};
