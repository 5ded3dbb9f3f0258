import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { OapiFailure, OapiSuccess } from './wire';

// The three answer envelopes the sandbox speaks: DingTalk's old API (HTTP 200 + errcode), its new
// API (HTTP 4xx/5xx + {code, message, requestid}) and DingOps' own problem+json for /sandbox/api.

const requestIdAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** DingTalk request ids look like '5imjny7u9xwa'. */
export function newRequestId(): string {
  return [...randomBytes(12)].map((byte) => requestIdAlphabet[byte % requestIdAlphabet.length]).join('');
}

/** How the caller reached the sandbox, for absolute URLs (avatars) in answers. */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function oapiSuccess<TResult>(result: TResult): OapiSuccess<TResult> {
  return { errcode: 0, errmsg: 'ok', result, request_id: newRequestId() };
}

/** Old-API failures travel with HTTP 200; only the errcode says something went wrong. */
export function oapiFailure(errcode: number, errmsg: string): OapiFailure {
  return { errcode, errmsg, request_id: newRequestId() };
}

/** 40035 不合法的参数, naming the first bad field as DingTalk's messages do. */
export function oapiInvalidParameter(error: z.ZodError): OapiFailure {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'body';
  return oapiFailure(40035, `不合法的参数: ${field}`);
}

export function sendV1Failure(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.status(status).send({ code, message, requestid: newRequestId() });
}

export interface ProblemInput {
  status: number;
  /** Dotted DingOps error code, e.g. 'sandbox.user_not_found'. */
  code: string;
  title: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemInput) {
  return reply
    .status(problem.status)
    .type('application/problem+json')
    .send({
      type: `https://dingops.dev/problems/${problem.code.replace(/\./g, '/')}`,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      code: problem.code,
      instance: request.id,
      ...(problem.errors?.length ? { errors: problem.errors } : {}),
    });
}

/** 400 problem naming every bad field of a JSON body. */
export function sendInvalidBody(request: FastifyRequest, reply: FastifyReply, error: z.ZodError) {
  const errors = error.issues.map((issue) => ({ path: ['body', ...issue.path.map(String)].join('.'), message: issue.message }));
  return sendProblem(request, reply, {
    status: 400,
    code: 'sandbox.invalid_request',
    title: 'Bad Request',
    detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    errors,
  });
}
