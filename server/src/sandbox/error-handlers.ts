import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { oapiFailure, sendProblem, sendV1Failure } from './replies';

/** Which API a path belongs to decides the error envelope. */
type Family = 'v1' | 'sandbox' | 'oapi';

function familyOf(request: FastifyRequest): Family {
  const path = request.url;
  if (path.startsWith('/v1.0/') || path.startsWith('/v2.0/')) return 'v1';
  if (path.startsWith('/sandbox/')) return 'sandbox';
  return 'oapi';
}

/**
 * Framework-level failures (unreadable body, unknown path, a sandbox bug) answered the way the
 * emulated API would: {code,message,requestid} on api.dingtalk.com, errcode on oapi, and
 * problem+json on the sandbox's own API.
 */
export function installErrorHandlers(app: FastifyInstance, log: Logger | undefined) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) log?.error({ err: error, method: request.method, path: request.url.split('?')[0] }, 'Sandbox request failed');
    const family = familyOf(request);
    if (family === 'v1') {
      if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return sendV1Failure(reply, 400, 'Missingbody', 'body is mandatory for this action.');
      if (status < 500) return sendV1Failure(reply, status, 'InvalidParameter', error.message);
      return sendV1Failure(reply, 500, 'InternalError', 'The request processing has failed due to some unknown error.');
    }
    if (family === 'oapi') {
      // DingTalk's own internal failures are errcode -1 (系统繁忙, retry).
      return reply.status(200).send(status < 500 ? oapiFailure(40035, `不合法的参数: ${error.message}`) : oapiFailure(-1, '系统繁忙'));
    }
    const code = status < 500 ? 'sandbox.invalid_request' : 'sandbox.internal';
    const detail = status < 500 ? error.message : 'The sandbox failed to handle the request';
    return sendProblem(request, reply, { status, code, title: status < 500 ? 'Bad Request' : 'Internal Server Error', detail });
  });

  app.setNotFoundHandler((request, reply) => {
    const family = familyOf(request);
    if (family === 'v1') return sendV1Failure(reply, 404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    if (family === 'oapi') return reply.status(404).send(oapiFailure(404, '请求的URI地址不存在'));
    return sendProblem(request, reply, { status: 404, code: 'sandbox.not_found', title: 'Not Found', detail: `No sandbox resource at ${request.method} ${request.url.split('?')[0]}` });
  });
}
