import type { CardStore } from './card-store';
import type { RobotDirectory, SandboxRobot } from './robots';

// Which robot a DingTalk request sends as, read from the request alone: the webhook's access token,
// the enterprise robot's robotCode, or for cards the robot in the deliver model (a 1:1 card defaults
// to the app's robot) or the one the card went out with (updates). Lookups and other calls: none.

const robotCodeSends = new Set(['/v1.0/robot/groupMessages/send', '/v1.0/robot/oToMessages/batchSend', '/v1.0/robot/ding/send']);
const cardDeliveries = new Set(['/v1.0/card/instances/createAndDeliver', '/v1.0/card/instances/deliver']);

export interface RobotSendRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  /** Null before the body is read (a dropped connection). */
  body: unknown;
}

const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export function robotOfSend({ robots, cards, appRobotCode }: { robots: RobotDirectory; cards: CardStore; appRobotCode: string }, request: RobotSendRequest): SandboxRobot | undefined {
  const { method, path, query, body } = request;
  if (path === '/robot/send') {
    const token = text(query.access_token);
    return token ? robots.byAccessToken(token) : undefined;
  }
  const byCode = (code: string | undefined) => (code ? robots.byRobotCode(code) : undefined);
  if (robotCodeSends.has(path)) return byCode(text(field(body, 'robotCode')));
  if (cardDeliveries.has(path)) {
    const group = text(field(field(body, 'imGroupOpenDeliverModel'), 'robotCode'));
    const single = text(field(field(body, 'imRobotOpenDeliverModel'), 'robotCode'));
    const toSingleChat = /IM_ROBOT\./i.test(text(field(body, 'openSpaceId')) ?? '');
    return byCode(group ?? single ?? (toSingleChat ? appRobotCode : undefined));
  }
  if (path === '/v1.0/card/instances' && method === 'PUT') {
    const outTrackId = text(field(body, 'outTrackId'));
    return byCode((outTrackId ? cards.get(outTrackId)?.deliveries[0]?.robotCode : null) ?? undefined);
  }
  return undefined;
}
