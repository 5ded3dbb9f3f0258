import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { nestedTooDeep, unstorableText } from '../errors/platform.errors';
import { findTextIssues, repairTexts } from './input-hygiene.rules';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Replace U+0000 and lone surrogates with U+FFFD instead of refusing the request. Only for
     * monitoring webhooks: their senders retry a refused batch forever, and a label is better kept
     * slightly altered than lost.
     */
    repairText?: boolean;
  }
}

/** The request parts the validation errors name, in the same words (`body.title`, `querystring.q`, `params.id`). */
const parts = [
  ['params', 'params'],
  ['query', 'querystring'],
  ['body', 'body'],
] as const;

function refuseOrRepair(request: FastifyRequest) {
  const repair = request.routeOptions.config.repairText === true;
  const schema = request.routeOptions.schema;
  // A route with no query or body schema reads neither: a stray `?utm=` or an ignored body is none of its business.
  const reads = { params: true, query: Boolean(schema?.querystring), body: Boolean(schema?.body) };
  const issues = parts.flatMap(([part, root]) => {
    if (!reads[part]) return [];
    if (repair) request[part] = repairTexts(request[part]);
    return findTextIssues(request[part], root);
  });
  if (issues.length === 0) return;
  const named = issues.map(({ path, message }) => ({ path, message }));
  throw issues.some((issue) => issue.reason === 'depth') ? nestedTooDeep(named) : unstorableText(named);
}

/**
 * Checks params, query and body of every request once, so no route hands Postgres a string it
 * refuses: people get a 400 naming each field, monitoring webhooks get the characters replaced.
 * After validation: what is checked is what the route will use, not the fields its schema drops.
 */
export const inputHygienePlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preHandler', async (request) => refuseOrRepair(request));
  },
  { name: 'input-hygiene' },
);
