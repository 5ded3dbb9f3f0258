import type { FastifyPluginAsync } from 'fastify';
import { newRequestId, oapiFailure } from '../replies';
import type { SandboxState } from '../state';

// Scene groups (场景群) on the old API, as internal apps create them from a template. The TOP SDKs
// send lists as comma-separated strings; arrays are accepted too. The errcodes for an unknown
// template (665036) and an unknown person (60121) are as reported for neighbouring APIs: UNCONFIRMED here.

const maxMembers = 999;
const invalid = (field: string) => oapiFailure(40035, `不合法的参数: ${field}`);
const isFilled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const splitList = (value: unknown): string[] =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : Array.isArray(value) ? value.map(String).filter(Boolean) : [];

export const sceneGroupRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  app.addHook('onRequest', async (request, reply) => {
    const { access_token: token } = request.query as { access_token?: unknown };
    if (state.tokens.resolve(typeof token === 'string' ? token : undefined) === null) {
      return reply.send(oapiFailure(40014, '不合法的access_token'));
    }
  });

  app.post('/topapi/im/chat/scenegroup/create', async (request) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!isFilled(body.title)) return invalid('title');
    if (!isFilled(body.template_id)) return invalid('template_id');
    if (!isFilled(body.owner_user_id)) return invalid('owner_user_id');
    const userIds = splitList(body.user_ids);
    if (userIds.length > maxMembers) return invalid('user_ids');
    const outcome = state.messaging.sceneGroups.create({
      templateId: body.template_id,
      title: body.title.trim(),
      ownerUserId: body.owner_user_id,
      userIds,
      uuid: isFilled(body.uuid) ? body.uuid : null,
    });
    if (!outcome.ok) return oapiFailure(outcome.errcode, outcome.errmsg);
    return { errcode: 0, errmsg: 'ok', success: true, result: { open_conversation_id: outcome.group.openConversationId, chat_id: outcome.chatId }, request_id: newRequestId() };
  });
};
