import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { apiRoutes } from './api.routes';
import { consoleRoutes } from './console/console.routes';
import { approvalsPlugin } from './approvals/approvals.plugin';
import { avatarRoutes } from './avatar.routes';
import { installErrorHandlers } from './error-handlers';
import { installFaultInjection } from './faults/fault-hook';
import { faultsRoutes } from './faults/faults.routes';
import { lookupRoutes } from './messaging/lookup.routes';
import { messagingRoutes, messagingSandboxApiRoutes } from './messaging/messaging.routes';
import { eventsPlugin } from './events/events.plugin';
import { monitoringRoutes } from './monitoring/monitoring.routes';
import { oapiRoutes } from './oapi.routes';
import { orgEventRoutes } from './org-events/org-events.routes';
import { sendV1Failure } from './replies';
import type { SandboxState } from './state';
import { tokenRoutes } from './token.routes';

/** New-API paths that take no access token. */
const anonymousV1Paths = new Set(['/v1.0/oauth2/accessToken', '/v1.0/gateway/connections/open']);

const pathOf = (url: string) => url.split('?')[0] ?? url;

/**
 * The sandbox as a Fastify app, not yet listening: tests may `inject` into it. It answers both
 * DingTalk hosts (api.dingtalk.com and oapi.dingtalk.com paths do not overlap) plus /sandbox/*.
 */
export async function buildSandboxApp({ state, log }: { state: SandboxState; log?: Logger }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });

  // TOP SDKs post topapi bodies as forms; the JSON parser already copes with the chunked,
  // length-less bodies the official SDK sends.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url);
    state.requests.record(request.method, path);
    // The micro-app and console run on other origins and call /sandbox/api directly.
    if (path.startsWith('/sandbox/')) reply.header('access-control-allow-origin', '*');
    const isV1 = path.startsWith('/v1.0/') || path.startsWith('/v2.0/');
    if (isV1 && !anonymousV1Paths.has(path)) {
      const token = request.headers['x-acs-dingtalk-access-token'];
      if (state.tokens.resolve(typeof token === 'string' ? token : undefined) === null) {
        return sendV1Failure(reply, 400, 'InvalidAuthentication', '不合法的access_token');
      }
    }
  });

  // Before any route plugin, so every DingTalk-shaped route gets the injected faults.
  installFaultInjection(app, state.faults, (request, decision) => state.messaging.countInjectedRefusal(request, decision));

  installErrorHandlers(app, log);

  app.options('/sandbox/*', async (request, reply) => {
    const requested = request.headers['access-control-request-headers'];
    return reply
      .status(204)
      .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
      .header('access-control-allow-headers', typeof requested === 'string' ? requested : 'content-type')
      .header('access-control-max-age', '600')
      .send();
  });

  await app.register(tokenRoutes, { state });
  await app.register(oapiRoutes, { state });
  await app.register(apiRoutes, { state, prefix: '/sandbox/api' });
  await app.register(avatarRoutes, { state });
  await app.register(messagingRoutes, { state });
  await app.register(lookupRoutes, { state });
  await app.register(messagingSandboxApiRoutes, { state, prefix: '/sandbox/api' });
  await app.register(faultsRoutes, { state, prefix: '/sandbox/api' });
  await app.register(consoleRoutes, { state });
  await app.register(eventsPlugin, { state });
  await app.register(approvalsPlugin, { state });
  await app.register(orgEventRoutes, { state, prefix: '/sandbox/api' });
  await app.register(monitoringRoutes, { state, prefix: '/sandbox/api' });
  return app;
}
