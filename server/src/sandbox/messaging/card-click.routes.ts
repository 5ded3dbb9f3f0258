import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { CardActionCallback } from '../../dingtalk/messaging-wire';
import { cardCallbackTopic } from '../../dingtalk/stream-topics';
import { sendInvalidBody, sendProblem } from '../replies';
import type { SandboxState } from '../state';
import type { SandboxCard } from './card-store';
import { decodeCardButtons } from '../../dingtalk/cards-convention';
import { viewOfCard } from './render';

// Pressing a card button in the console: the sandbox checks the card, the button and that the
// person can see the card, then pushes DingTalk's card callback to the app through the event bus
// and applies the card update the app answers with (as DingTalk does with a Stream ACK's
// `response`).

const clickBody = z.object({ userId: z.string().trim().min(1), action: z.string().trim().min(1) });
const stringMap = z.record(z.string(), z.string());

/** The card update an app answered with: `{response: {...}}`, the update itself, or either as a JSON string. */
function cardUpdateOf(answer: unknown): { cardParamMap: Record<string, string>; privateData: Record<string, string> | null } | null {
  let value = answer;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const update = z
    .object({ cardData: z.object({ cardParamMap: stringMap }).optional(), userPrivateData: z.object({ cardParamMap: stringMap }).optional() })
    .safeParse((value as { response?: unknown } | null)?.response ?? value);
  if (!update.success || (!update.data.cardData && !update.data.userPrivateData)) return null;
  return { cardParamMap: update.data.cardData?.cardParamMap ?? {}, privateData: update.data.userPrivateData?.cardParamMap ?? null };
}

/** Where `userId` sees the card: a group they are in, or their own 1:1 chat with the robot. */
function spaceFor(state: SandboxState, card: SandboxCard, userId: string) {
  return card.deliveries.find((delivery) =>
    delivery.spaceType === 'IM_GROUP' ? state.org.getGroup(delivery.spaceId)?.memberUserIds.includes(userId) : delivery.spaceId === userId,
  );
}

export const cardClickRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { messaging, org } = state;

  app.post<{ Params: { outTrackId: string } }>('/cards/:outTrackId/click', async (request, reply) => {
    const body = clickBody.safeParse(request.body ?? {});
    if (!body.success) return sendInvalidBody(request, reply, body.error);
    const { userId, action } = body.data;
    const card = messaging.cards.get(request.params.outTrackId);
    if (!card) return sendProblem(request, reply, { status: 404, code: 'sandbox.card_not_found', title: 'Not Found', detail: `No card with outTrackId "${request.params.outTrackId}"` });
    if (!org.getUser(userId)) return sendProblem(request, reply, { status: 404, code: 'sandbox.user_not_found', title: 'Not Found', detail: `No person with userId "${userId}"` });

    const buttons = decodeCardButtons({ ...card.cardParamMap, ...card.privateData[userId] }.buttons);
    const button = buttons.find((candidate) => candidate.id === action);
    if (!button) {
      const known = buttons.map((candidate) => candidate.id).join(', ') || 'none';
      return sendProblem(request, reply, { status: 400, code: 'sandbox.card_action_not_found', title: 'Bad Request', detail: `The card has no button "${action}" (buttons: ${known})`, errors: [{ path: 'body.action', message: `unknown action; the card's buttons are: ${known}` }] });
    }
    if (button.disabled) return sendProblem(request, reply, { status: 409, code: 'sandbox.card_action_disabled', title: 'Conflict', detail: `The button "${action}" is disabled` });
    const space = spaceFor(state, card, userId);
    if (!space) return sendProblem(request, reply, { status: 403, code: 'sandbox.card_not_visible', title: 'Forbidden', detail: `${userId} is not in a chat this card was delivered to` });

    const content = JSON.stringify({ cardPrivateData: { actionIds: [action], params: { action, ...button.params } } });
    const callback: CardActionCallback = { type: 'actionCallback', outTrackId: card.outTrackId, corpId: state.app.corpId, userId, userIdType: 1, spaceType: space.spaceType, spaceId: space.spaceId, extension: '{}', content, value: content };
    messaging.cards.recordClick(card, { userId, action });
    const { delivered, response: answer } = await state.events.deliverCallback({ topic: cardCallbackTopic, data: callback });
    const update = cardUpdateOf(answer);
    if (update) {
      messaging.cards.update(card, { cardParamMap: update.cardParamMap, privateData: update.privateData ? { [userId]: update.privateData } : {}, byKey: true, privateByKey: true, source: 'callback' });
    }
    // An app that ACKs without data (DingOps updates cards through its outbox) has still answered.
    return { callback, answered: delivered, cardUpdated: update !== null, card: viewOfCard(card, org, userId) };
  });
};
