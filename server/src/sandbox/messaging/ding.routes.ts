import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { sendProblem, sendV1Failure } from '../replies';
import type { SandboxState } from '../state';

// DING (钉一下) from the enterprise robot (robot_1_0 robotSendDing), and the sandbox's own list of
// the DINGs a person received. Parameter errors follow the robot API's `invalidParameter.<field>.<problem>`
// style; the exact codes for DING are UNCONFIRMED. Receivers DingTalk cannot ring come back in `failedList`.

const remindTypes = new Set([1, 2, 3]);
const isFilled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const userQuery = z.object({ userId: z.string().trim().min(1) });

export const dingRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { messaging, org } = state;

  app.post('/v1.0/robot/ding/send', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!isFilled(body.robotCode)) return sendV1Failure(reply, 400, 'invalidParameter.robotCode.empty', 'robotCode 不能为空');
    const robot = messaging.robots.byRobotCode(body.robotCode);
    if (!robot) return sendV1Failure(reply, 400, 'invalidParameter.robotCode.invalid', `机器人不存在: ${body.robotCode}`);
    const receivers = Array.isArray(body.receiverUserIdList) ? body.receiverUserIdList.filter(isFilled) : [];
    if (receivers.length === 0) return sendV1Failure(reply, 400, 'invalidParameter.receiverUserIdList.empty', 'receiverUserIdList 不能为空');
    if (!isFilled(body.content)) return sendV1Failure(reply, 400, 'invalidParameter.content.empty', 'content 不能为空');
    const remindType = Number(body.remindType);
    if (!remindTypes.has(remindType)) return sendV1Failure(reply, 400, 'invalidParameter.remindType.invalid', 'remindType 只能是 1（应用内）、2（短信）或 3（电话）');
    const known = receivers.filter((userId) => org.getUser(userId));
    if (known.length === 0) return sendV1Failure(reply, 400, 'invalidParameter.receiverUserIdList.invalid', `接收人不存在: ${receivers.join(',')}`);

    messaging.limiter.admit(robot.key, null);
    const ding = messaging.dings.add({ robotCode: body.robotCode, senderName: robot.name, receiverUserIds: known, content: body.content, remindType: remindType as 1 | 2 | 3 });
    const failedList = Object.fromEntries(receivers.filter((userId) => !org.getUser(userId)).map((userId) => [userId, 'user not found']));
    return { openDingId: ding.openDingId, failedList };
  });
};

/** Under /sandbox/api: the DINGs a person received, newest last. */
export const dingApiRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  app.get('/dings', async (request, reply) => {
    const query = userQuery.safeParse(request.query);
    if (!query.success) {
      return sendProblem(request, reply, { status: 400, code: 'sandbox.invalid_request', title: 'Bad Request', detail: 'query.userId: required', errors: [{ path: 'query.userId', message: 'required' }] });
    }
    if (!state.org.getUser(query.data.userId)) return sendProblem(request, reply, { status: 404, code: 'sandbox.user_not_found', title: 'Not Found', detail: `No person with userId "${query.data.userId}"` });
    const dings = state.messaging.dings.listFor(query.data.userId).map((ding) => ({ ...ding, createdAt: new Date(ding.createdAt).toISOString() }));
    return { userId: query.data.userId, dings };
  });
};
