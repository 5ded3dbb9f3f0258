import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type DomainError, type ErrorKind, type FieldIssue, isDomainError } from './domain-error';
import { isDatabaseUnavailable } from '../../db/connection-errors';
import { databaseUnavailable, routeNotFound } from './platform.errors';
import { fieldIssuesOf } from './validation-issues';

const statusByKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ProblemInput {
  status: number;
  code: string;
  detail: string;
  errors?: FieldIssue[];
  extensions?: Record<string, string>;
}

const standardMembers = new Set(['type', 'title', 'status', 'detail', 'code', 'instance', 'errors']);

/** The RFC 9457 body; `instance` is the request id when there is a request (a malformed one may have none). */
export function problemBody(problem: ProblemInput, instance?: string) {
  return {
    type: `https://dingops.dev/problems/${problem.code.replace(/\./g, '/')}`,
    title: titles[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    ...(instance ? { instance } : {}),
    ...(problem.errors?.length ? { errors: problem.errors } : {}),
    // Extensions never overwrite the standard members.
    ...Object.fromEntries(Object.entries(problem.extensions ?? {}).filter(([key]) => !standardMembers.has(key))),
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemInput) {
  return reply.status(problem.status).type('application/problem+json').send(problemBody(problem, request.id));
}

export function problemFromDomainError(error: DomainError): ProblemInput {
  return { status: statusByKind[error.kind], code: error.code, detail: error.message, errors: error.issues, extensions: error.extensions };
}

/** What the failed validation looked at, so a failed union can be explained by the branch the input came closest to. */
function inputOf(request: FastifyRequest, context: string): unknown {
  if (context === 'querystring') return request.query;
  if (context === 'params') return request.params;
  if (context === 'headers') return request.headers;
  return request.body;
}

/**
 * The one place that chooses status codes and speaks RFC 9457 problem+json. Unknown failures become a
 * generic 500 so no stack trace or SQL leaks; the full error goes to the log with the request id.
 */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (isDatabaseUnavailable(error)) return sendDatabaseUnavailable(request, reply, error);
      if (isDomainError(error)) return sendProblem(request, reply, problemFromDomainError(error));
      if (hasZodFastifySchemaValidationErrors(error)) {
        const context = error.validationContext ?? 'body';
        const errors = fieldIssuesOf({ validation: error.validation, context, input: inputOf(request, context) });
        return sendProblem(request, reply, { status: 400, code: 'http.invalid_request', detail: 'The request did not pass validation', errors });
      }
      if (isResponseSerializationError(error)) {
        request.log.error({ err: error, method: request.method, url: request.url }, 'Response failed its schema');
        return sendProblem(request, reply, { status: 500, code: 'http.internal', detail: 'Something went wrong on our side' });
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        const code = status === 429 ? 'http.rate_limited' : `http.${(titles[status] ?? 'client_error').toLowerCase().replace(/ /g, '_')}`;
        return sendProblem(request, reply, { status, code, detail: error.message });
      }
      request.log.error({ err: error, method: request.method, url: request.url, params: request.params }, 'Request failed');
      return sendProblem(request, reply, { status: 500, code: 'http.internal', detail: 'Something went wrong on our side' });
    });

    app.setNotFoundHandler(
      // 404s are rate-limited so URLs can't be enumerated cheaply.
      { preHandler: app.rateLimit ? app.rateLimit({ max: 60, timeWindow: '1 minute' }) : undefined },
      (request, reply) => sendProblem(request, reply, problemFromDomainError(routeNotFound(request.method, request.url.split('?')[0] ?? ''))),
    );
  },
  { name: 'error-handler', dependencies: ['@fastify/rate-limit'] },
);

/** Seconds a client is asked to wait after a 503 for a database outage; a Postgres restart takes a few. */
const databaseRetryAfterSeconds = 5;

/**
 * A database outage is not a bug: 503 with Retry-After (Alertmanager, DingTalk and the micro-app
 * send again), logged as a warning without the failed SQL.
 */
function sendDatabaseUnavailable(request: FastifyRequest, reply: FastifyReply, error: Error) {
  request.log.warn({ method: request.method, url: request.url, reason: rootMessage(error) }, 'Database unavailable; answered 503');
  reply.header('retry-after', String(databaseRetryAfterSeconds));
  return sendProblem(request, reply, problemFromDomainError(databaseUnavailable()));
}

const rootMessage = (error: unknown): string => {
  const cause = (error as { cause?: unknown }).cause;
  return cause ? rootMessage(cause) : error instanceof Error ? error.message : String(error);
};
