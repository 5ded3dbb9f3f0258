import type { FastifyPluginAsync } from 'fastify';
import { newRequestId, oapiFailure } from '../replies';
import type { SandboxState } from '../state';
import { contentOfWorkNotification } from './message-content';

// Work notifications on the old API: `asyncsend_v2` accepts at once; `getsendresult` reports who
// received it and who was dropped by a limit. The TOP SDKs send `msg` as a JSON string and the
// lists as comma-separated strings; both spellings are accepted.

const maxUsers = 5000;
const invalid = (field: string) => oapiFailure(40035, `不合法的参数: ${field}`);

const splitList = (value: unknown): string[] =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : Array.isArray(value) ? value.map(String) : [];

function parseMsg(value: unknown): Record<string, unknown> | null {
  let msg = value;
  if (typeof msg === 'string') {
    try {
      msg = JSON.parse(msg);
    } catch {
      return null;
    }
  }
  return typeof msg === 'object' && msg !== null && !Array.isArray(msg) ? (msg as Record<string, unknown>) : null;
}

export const workNotificationRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const notifications = state.messaging.workNotifications;

  app.addHook('onRequest', async (request, reply) => {
    const { access_token: token } = request.query as { access_token?: unknown };
    if (state.tokens.resolve(typeof token === 'string' ? token : undefined) === null) {
      return reply.send(oapiFailure(40014, '不合法的access_token'));
    }
  });

  /** The agent id must be the app's own; the errcode DingTalk uses here is UNCONFIRMED. */
  const isOwnAgent = (agentId: unknown) => agentId !== undefined && String(agentId) === state.app.agentId;

  app.post('/topapi/message/corpconversation/asyncsend_v2', async (request) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!isOwnAgent(body.agent_id)) return oapiFailure(40056, '不合法的agentid');
    const userIds = splitList(body.userid_list);
    const departmentIds = splitList(body.dept_id_list).map(Number);
    const toAllUsers = body.to_all_user === true || body.to_all_user === 'true';
    if (userIds.length === 0 && departmentIds.length === 0 && !toAllUsers) return invalid('userid_list');
    if (userIds.length > maxUsers) return invalid('userid_list');
    if (departmentIds.some((id) => !Number.isInteger(id))) return invalid('dept_id_list');
    const msg = parseMsg(body.msg);
    if (!msg) return invalid('msg');
    const checked = contentOfWorkNotification(msg);
    if (!checked.ok) return invalid(checked.field);

    const taskId = notifications.send({ agentId: state.app.agentId, userIds, departmentIds, toAllUsers, msg, content: checked.content });
    return { errcode: 0, errmsg: 'ok', task_id: taskId, request_id: newRequestId() };
  });

  app.post('/topapi/message/corpconversation/getsendresult', async (request) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!isOwnAgent(body.agent_id)) return oapiFailure(40056, '不合法的agentid');
    const result = notifications.result(Number(body.task_id));
    if (!result) return invalid('task_id');
    return { errcode: 0, errmsg: 'ok', send_result: result, request_id: newRequestId() };
  });
};
