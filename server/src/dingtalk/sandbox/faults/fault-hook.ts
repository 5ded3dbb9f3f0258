import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
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

/**
 * Applies the sandbox's fault settings to every DingTalk-shaped request (everything outside
 * /sandbox). Must be installed before any route plugin is registered.
 */
export function installFaultInjection(app: FastifyInstance, faults: FaultStore) {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    if (path === '/sandbox' || path.startsWith('/sandbox/')) return;
    const { latencyMs } = faults.get();
    if (latencyMs > 0) await sleep(latencyMs);
    const decision = faults.decide();
    if (decision === 'drop') {
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (decision === 'throttle') return sendThrottled(familyOf(path), reply);
    if (decision === 'error') return sendServerError(familyOf(path), reply, faults.coin());
  });
}
