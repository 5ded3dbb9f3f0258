import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RobotSendRequest } from '../messaging/robot-of-send';
import { oapiFailure, sendV1Failure } from '../replies';
import type { FaultStore } from './fault-settings';

type Family = 'v1' | 'robot_webhook' | 'work_notification' | 'oapi';

function familyOf(path: string): Family {
  if (path.startsWith('/v1.0/') || path.startsWith('/v2.0/')) return 'v1';
  if (path.startsWith('/robot/')) return 'robot_webhook';
  if (path.startsWith('/topapi/message/')) return 'work_notification';
  return 'oapi';
}

/**
 * Each API's own throttling answer: HTTP 403 QPS limit on the new API (the code is UNCONFIRMED;
 * throttling was seen as 403), 130101 from a custom robot, 143103 for work notifications and
 * 90002 elsewhere on the old API (HTTP 200).
 */
function sendThrottled(family: Family, reply: FastifyReply) {
  if (family === 'v1') return sendV1Failure(reply, 403, 'Forbidden.AccessDenied.QpsLimitForApi', '当前应用调用该接口的频率超过限制');
  if (family === 'robot_webhook') return reply.status(200).send(oapiFailure(130101, 'send too fast, exceed 20 times per minute'));
  if (family === 'work_notification') return reply.status(200).send(oapiFailure(143103, '企业应用发送消息频率超过限制'));
  return reply.status(200).send(oapiFailure(90002, '当前接口调用次数超过限制'));
}

/** DingTalk's own failures: HTTP 500/503 on the new API; on the old one errcode -1 (系统繁忙) or a 503. */
function sendServerError(family: Family, reply: FastifyReply, heads: boolean) {
  if (family === 'v1') {
    return heads
      ? sendV1Failure(reply, 500, 'InternalError', 'The request processing has failed due to some unknown error.')
      : sendV1Failure(reply, 503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.');
  }
  return heads ? reply.status(200).send(oapiFailure(-1, '系统繁忙')) : reply.status(503).send(oapiFailure(-1, '系统繁忙'));
}

/** Told of every injected answer with the request it answered, so the sandbox can count it where a user looks. */
export type InjectedFaultListener = (request: RobotSendRequest, decision: 'throttle' | 'error' | 'drop') => void;

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? request.url;
const describeRequest = (request: FastifyRequest, body: unknown): RobotSendRequest => ({ method: request.method, path: pathOf(request), query: (request.query ?? {}) as Record<string, unknown>, body });

/**
 * Applies the sandbox's fault settings to every DingTalk-shaped request (everything outside
 * /sandbox). Must be installed before any route plugin is registered. Latency and dropped connections
 * happen as the request arrives; throttling and error answers wait for the body, which names the
 * robot a send is for, and are then counted and given instead of the route's answer.
 */
export function installFaultInjection(app: FastifyInstance, faults: FaultStore, onInjected: InjectedFaultListener = () => undefined) {
  const pending = new WeakMap<FastifyRequest, 'throttle' | 'error'>();

  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request);
    if (path === '/sandbox' || path.startsWith('/sandbox/')) return;
    const { latencyMs } = faults.get();
    if (latencyMs > 0) await sleep(latencyMs);
    const decision = faults.decide();
    if (decision === 'drop') {
      faults.countInjected('drop');
      onInjected(describeRequest(request, null), 'drop');
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (decision) pending.set(request, decision);
  });

  app.addHook('preHandler', async (request, reply) => {
    const decision = pending.get(request);
    if (!decision) return;
    pending.delete(request);
    faults.countInjected(decision);
    onInjected(describeRequest(request, request.body), decision);
    const family = familyOf(pathOf(request));
    return decision === 'throttle' ? sendThrottled(family, reply) : sendServerError(family, reply, faults.coin());
  });
}
