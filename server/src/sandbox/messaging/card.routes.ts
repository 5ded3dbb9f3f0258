import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { sendV1Failure } from '../replies';
import type { SandboxState } from '../state';
import type { CardSpaceType, SandboxCard } from './card-store';
import { findCardTemplate } from './card-templates';
import { robotChatId } from './timeline';

// Card instances (card_1_0). Parameter errors are HTTP 400 with DingTalk's `param.*` codes.
// UNCONFIRMED codes: `param.outTrackIdExist` (create with a taken outTrackId),
// `param.outTrackIdNotExist` (update of an unknown card), `invalidParameter.cardTemplate.notFound`.
// Delivery problems (robot not in the group, unknown person) do not fail the call: they come back
// as `success: false` entries of the delivery results, as on DingTalk.

type Body = Record<string, unknown>;

const stringMap = z.record(z.string(), z.string());
const privateDataSchema = z.record(z.string(), z.object({ cardParamMap: stringMap.default({}) }));
const deliverModel = z.object({ robotCode: z.string().optional(), atUserIds: stringMap.optional() }).passthrough();

const asBody = (value: unknown): Body => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : {});
const isFilled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const bad = (reply: FastifyReply, code: string, message: string) => sendV1Failure(reply, 400, code, message);

interface Refusal {
  refused: { code: string; message: string };
}
const refusal = (code: string, message: string): Refusal => ({ refused: { code, message } });
const isRefusal = (value: object): value is Refusal => 'refused' in value;

interface DeliverResult {
  spaceType: string;
  spaceId: string;
  success: boolean;
  errorMsg?: string;
  carrierId?: string;
}

export const cardRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { messaging, org } = state;

  /** Checks and creates the card, or says why not. */
  function create(body: Body): SandboxCard | Refusal {
    if (!isFilled(body.outTrackId)) return refusal('param.outTrackIdEmpty', 'param.outTrackIdEmpty');
    if (!isFilled(body.cardTemplateId)) return refusal('param.cardTemplateIdEmpty', 'param.cardTemplateIdEmpty');
    if (!findCardTemplate(body.cardTemplateId)) return refusal('invalidParameter.cardTemplate.notFound', `不存在的卡片模板: ${body.cardTemplateId}`);
    const cardParamMap = stringMap.safeParse(asBody(body.cardData).cardParamMap ?? {});
    if (!cardParamMap.success) return refusal('param.cardPublicDataInvalid', 'cardData.cardParamMap 的值必须是字符串');
    const privateData = privateDataSchema.safeParse(body.privateData ?? {});
    if (!privateData.success) return refusal('param.cardPrivateDataInvalid', 'privateData 不合法');
    const callbackType = body.callbackType === 'HTTP' || body.callbackType === 'STREAM' ? body.callbackType : null;
    const card = messaging.cards.create({
      outTrackId: body.outTrackId,
      cardTemplateId: body.cardTemplateId,
      cardParamMap: cardParamMap.data,
      privateData: Object.fromEntries(Object.entries(privateData.data).map(([userId, data]) => [userId, data.cardParamMap])),
      callbackType,
      callbackRouteKey: isFilled(body.callbackRouteKey) ? body.callbackRouteKey : null,
    });
    return card ?? refusal('param.outTrackIdExist', `outTrackId 已存在: ${body.outTrackId}`);
  }

  /** `dtv1.card//IM_GROUP.<cid>;dtv1.card//IM_ROBOT.<userId>`, type case-insensitive. */
  function parseSpaces(openSpaceId: string) {
    return openSpaceId.split(';').map((space) => {
      const match = /^dtv1\.card\/\/([a-z_]+)\.(.+)$/i.exec(space.trim());
      return match ? { spaceType: match[1]!.toUpperCase(), spaceId: match[2]! } : null;
    });
  }

  function deliver(card: SandboxCard, body: Body): DeliverResult[] {
    const spaces = parseSpaces(String(body.openSpaceId));
    return spaces.map((space): DeliverResult => {
      if (!space) return { spaceType: '', spaceId: '', success: false, errorMsg: 'openSpaceId 格式错误' };
      const failed = (errorMsg: string) => ({ ...space, success: false, errorMsg });
      const model = deliverModel.safeParse(space.spaceType === 'IM_GROUP' ? body.imGroupOpenDeliverModel : body.imRobotOpenDeliverModel);
      const robotCode = model.success ? (model.data.robotCode ?? (space.spaceType === 'IM_ROBOT' ? state.app.clientId : undefined)) : undefined;
      const robot = robotCode ? messaging.robots.byRobotCode(robotCode) : undefined;
      if (!robot) return failed(robotCode ? `机器人不存在: ${robotCode}` : 'robotCode 不能为空');
      if (space.spaceType === 'IM_GROUP' && !org.getGroup(space.spaceId)) return failed('群会话不存在');
      if (space.spaceType === 'IM_GROUP' && !robot.conversationIds.includes(space.spaceId)) return failed('机器人不在该群中');
      if (space.spaceType === 'IM_ROBOT' && !org.getUser(space.spaceId)) return failed('用户不存在');
      if (space.spaceType !== 'IM_GROUP' && space.spaceType !== 'IM_ROBOT') return failed(`沙箱不支持的场域: ${space.spaceType}`);

      const atUserIds = space.spaceType === 'IM_GROUP' && model.success ? (model.data.atUserIds ?? {}) : {};
      messaging.cards.addDelivery(card, { spaceType: space.spaceType as CardSpaceType, spaceId: space.spaceId, robotCode: robot.robotCode, atUserIds });
      const conversationId = space.spaceType === 'IM_GROUP' ? space.spaceId : robotChatId(space.spaceId);
      messaging.timeline.placeCard({ conversationId, sender: { kind: 'robot', robotKey: robot.key, name: robot.name }, outTrackId: card.outTrackId });
      return { ...space, success: true, carrierId: randomBytes(12).toString('hex') };
    });
  }

  app.post('/v1.0/card/instances', async (request, reply) => {
    const card = create(asBody(request.body));
    if (isRefusal(card)) return bad(reply, card.refused.code, card.refused.message);
    return { success: true, result: card.outTrackId };
  });

  app.post('/v1.0/card/instances/deliver', async (request, reply) => {
    const body = asBody(request.body);
    if (!isFilled(body.outTrackId)) return bad(reply, 'param.outTrackIdEmpty', 'param.outTrackIdEmpty');
    if (!isFilled(body.openSpaceId)) return bad(reply, 'param.openSpaceIdEmpty', 'param.openSpaceIdEmpty');
    const card = messaging.cards.get(body.outTrackId);
    if (!card) return bad(reply, 'param.outTrackIdNotExist', `卡片不存在: ${body.outTrackId}`);
    return { success: true, result: deliver(card, body) };
  });

  app.post('/v1.0/card/instances/createAndDeliver', async (request, reply) => {
    const body = asBody(request.body);
    if (!isFilled(body.openSpaceId)) return bad(reply, 'param.openSpaceIdEmpty', 'param.openSpaceIdEmpty');
    if (parseSpaces(body.openSpaceId).some((space) => !space)) return bad(reply, 'param.openSpaceModelInvalid', 'openSpaceId 格式错误');
    const card = create(body);
    if (isRefusal(card)) return bad(reply, card.refused.code, card.refused.message);
    return { success: true, result: { outTrackId: card.outTrackId, deliverResults: deliver(card, body) } };
  });

  app.put('/v1.0/card/instances', async (request, reply) => {
    const body = asBody(request.body);
    if (!isFilled(body.outTrackId)) return bad(reply, 'param.outTrackIdEmpty', 'param.outTrackIdEmpty');
    const card = messaging.cards.get(body.outTrackId);
    if (!card) return bad(reply, 'param.outTrackIdNotExist', `卡片不存在: ${body.outTrackId}`);
    const cardParamMap = stringMap.optional().safeParse(asBody(body.cardData).cardParamMap);
    const privateData = privateDataSchema.optional().safeParse(body.privateData);
    if (!cardParamMap.success || !privateData.success) return bad(reply, 'param.cardPublicDataInvalid', 'cardParamMap 的值必须是字符串');
    const options = asBody(body.cardUpdateOptions);
    messaging.cards.update(card, {
      cardParamMap: cardParamMap.data ?? {},
      privateData: Object.fromEntries(Object.entries(privateData.data ?? {}).map(([userId, data]) => [userId, data.cardParamMap])),
      byKey: options.updateCardDataByKey === true,
      privateByKey: options.updatePrivateDataByKey === true,
      source: 'api',
    });
    return { success: true, result: true };
  });
};
