import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { sendV1Failure } from '../replies';
import type { SandboxState } from '../state';
import { contentOfRobotMessage, type MessageContent } from './message-content';
import type { SandboxRobot } from './robots';
import { robotChatId } from './timeline';

// The app's enterprise robot (robot_1_0): messages to a group and 1:1 batches. Parameter errors
// are HTTP 400 `invalidParameter.<field>.<problem>` as DingTalk documents them; the codes for an
// unknown robot or group are UNCONFIRMED.

/** msgParam may carry at most 15,000 bytes. */
const maxMsgParamBytes = 15_000;
const maxRecipients = 20;

type Body = Record<string, unknown>;
interface Failure {
  code: string;
  message: string;
}

const asBody = (value: unknown): Body => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : {});
const isFilled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const processQueryKey = () => randomBytes(24).toString('base64');

function robotOf(state: SandboxState, robotCode: unknown): SandboxRobot | Failure {
  if (!isFilled(robotCode)) return { code: 'invalidParameter.robotCode.empty', message: 'robotCode 不能为空' };
  return state.messaging.robots.byRobotCode(robotCode) ?? { code: 'invalidParameter.robotCode.invalid', message: `机器人不存在: ${robotCode}` };
}

function messageOf(body: Body): MessageContent | Failure {
  if (!isFilled(body.msgKey)) return { code: 'invalidParameter.msgKey.empty', message: 'msgKey 不能为空' };
  if (!isFilled(body.msgParam)) return { code: 'invalidParameter.msgParam.empty', message: 'msgParam 不能为空' };
  if (Buffer.byteLength(body.msgParam) > maxMsgParamBytes) return { code: 'invalidParameter.msgParam.invalid', message: `msgParam 超过 ${maxMsgParamBytes} 字节` };
  let param: unknown;
  try {
    param = JSON.parse(body.msgParam);
  } catch {
    return { code: 'invalidParameter.msgParam.invalid', message: 'msgParam 不是合法的 JSON' };
  }
  const checked = contentOfRobotMessage(body.msgKey, param);
  if (checked.ok) return checked.content;
  return checked.field === 'msgKey'
    ? { code: 'invalidParameter.msgKey.invalid', message: `不支持的 msgKey: ${body.msgKey}` }
    : { code: 'invalidParameter.msgParam.invalid', message: `msgParam 缺少或不合法的字段: ${checked.field.replace(/^msgParam\.?/, '') || 'msgParam'}` };
}

const isFailure = (value: object): value is Failure => 'code' in value && 'message' in value;
const fail = (reply: FastifyReply, failure: Failure) => sendV1Failure(reply, 400, failure.code, failure.message);

export const robotRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { messaging, org } = state;
  const senderOf = (robot: SandboxRobot) => ({ kind: 'robot' as const, robotKey: robot.key, name: robot.name });

  app.post('/v1.0/robot/groupMessages/send', async (request, reply) => {
    const body = asBody(request.body);
    const robot = robotOf(state, body.robotCode);
    if (isFailure(robot)) return fail(reply, robot);
    if (!isFilled(body.openConversationId)) return fail(reply, { code: 'invalidParameter.openConversationId.empty', message: 'openConversationId 不能为空' });
    if (!org.getGroup(body.openConversationId)) return fail(reply, { code: 'invalidParameter.openConversationId.invalid', message: '群会话不存在' });
    if (!robot.conversationIds.includes(body.openConversationId)) return fail(reply, { code: 'robot.notInGroup', message: '机器人不在该群中' });
    const content = messageOf(body);
    if (isFailure(content)) return fail(reply, content);

    messaging.limiter.admit(robot.key, null);
    const key = processQueryKey();
    messaging.timeline.addMessage({ conversationId: body.openConversationId, sender: senderOf(robot), via: 'robot_api', content, processQueryKey: key });
    return { processQueryKey: key };
  });

  app.post('/v1.0/robot/oToMessages/batchSend', async (request, reply) => {
    const body = asBody(request.body);
    const robot = robotOf(state, body.robotCode);
    if (isFailure(robot)) return fail(reply, robot);
    const userIds = Array.isArray(body.userIds) ? body.userIds.filter(isFilled) : [];
    if (userIds.length === 0) return fail(reply, { code: 'invalidParameter.userIds.empty', message: 'userIds 不能为空' });
    if (userIds.length > maxRecipients) return fail(reply, { code: 'invalidParameter.userIds.overMax', message: `userIds 最多 ${maxRecipients} 个` });
    const content = messageOf(body);
    if (isFailure(content)) return fail(reply, content);

    messaging.limiter.admit(robot.key, null);
    const key = processQueryKey();
    const known = userIds.filter((userId) => org.getUser(userId));
    for (const userId of known) {
      messaging.timeline.addMessage({ conversationId: robotChatId(userId), sender: senderOf(robot), via: 'robot_api', content, processQueryKey: key });
    }
    return { processQueryKey: key, invalidStaffIdList: userIds.filter((userId) => !org.getUser(userId)), flowControlledStaffIdList: [] };
  });
};
