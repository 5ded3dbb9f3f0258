import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ProblemInput, problemBody, sendProblem } from './error-handler';

/**
 * Errors Fastify's router raises before any route (and so the error handler) is chosen. Without
 * this they are answered in Fastify's own JSON shape, not problem+json.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendProblem(request, reply, { status: 414, code: 'http.uri_too_long', detail: 'A path parameter is longer than 100 characters' });
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return sendProblem(request, reply, { status: 400, code: 'http.bad_url', detail: 'The URL is not validly percent-encoded' });
  }
  request.log.error({ err: error, method: request.method, url: request.url }, 'Routing failed');
  return sendProblem(request, reply, { status: 500, code: 'http.internal', detail: 'Something went wrong on our side' });
}

function problemForClientError(code: string | undefined): ProblemInput {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: 'http.headers_too_large', detail: 'The request headers are larger than the server accepts' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, code: 'http.request_timeout', detail: 'The request took too long to arrive' };
  return { status: 400, code: 'http.bad_request', detail: 'The request is not valid HTTP' };
}

/**
 * Node's HTTP parser refuses some requests (headers too large, malformed, too slow) before Fastify
 * sees them; there is no request and so no request id, only the socket to answer on.
 */
export function answerClientError(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = problemForClientError(error.code);
  this.log.debug({ err: error, status: problem.status }, 'Refused a malformed request');
  if (socket.writable) {
    const body = JSON.stringify(problemBody(problem));
    const head = [`HTTP/1.1 ${problem.status} ${problemBody(problem).title}`, 'Content-Type: application/problem+json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'];
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
