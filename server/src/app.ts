import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { accessModule } from './modules/access';
import { auditLogModule } from './modules/audit-log';
import { alertsModule } from './modules/alerts';
import { knowledgeModule } from './modules/knowledge';
import { oncallModule } from './modules/oncall';
import { operationsModule } from './modules/operations';
import { sessionModule } from './modules/session';
import { ticketsModule } from './modules/tickets';
import { usersModule } from './modules/users';
import { auditPlugin } from './platform/audit';
import { authPlugin } from './platform/auth';
import { type AppDeps, depsPlugin } from './platform/deps';
import { errorHandlerPlugin } from './platform/errors/error-handler';
import { compressionPlugin } from './platform/http/compression';
import { answerClientError, answerFrameworkError } from './platform/errors/framework-errors';
import { healthRoutes } from './platform/http/health.routes';
import { miniappRoutes } from './platform/http/miniapp.routes';
import { openApiPlugin } from './platform/http/openapi';
import { securityHeadersPlugin } from './platform/http/security';
import { identityPlugin } from './platform/identity';
import { inboxPlugin } from './platform/inbox';
import { inputHygienePlugin } from './platform/input-hygiene';
import { outboxPlugin } from './platform/outbox';
import { schedulerPlugin } from './platform/scheduler';
import { metricsPlugin } from './platform/metrics';
import { rbacPlugin, routeAccessPlugin } from './platform/rbac';
import { requireProvider } from './platform/wiring/providers';

export interface BuildOptions {
  logger: FastifyServerOptions['loggerInstance'] | false;
  jwtSecret: string;
  https?: { cert: Buffer; key: Buffer } | null;
}

/** Builds the whole DingOps HTTP app from its dependencies; main.ts and the tests call the same function. */
export async function buildApp(deps: AppDeps, options: BuildOptions) {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    ...(options.https ? { https: options.https } : {}),
    trustProxy: deps.config.server.trustProxy,
    requestIdHeader: 'x-request-id',
    routerOptions: { ignoreTrailingSlash: true },
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1_048_576,
    // Start-up waits on the database (migrations, LISTEN, scheduler catch-up); a busy host needs more than the 10 s default.
    pluginTimeout: 60_000,
    // Errors raised before a route is chosen (long or badly encoded path, malformed HTTP) speak problem+json too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // External capabilities first, then platform, then feature modules.
  await app.register(rateLimit, { global: false });
  // Before any route: compression applies to the routes registered after it.
  await app.register(compressionPlugin);
  await app.register(depsPlugin, deps);
  await app.register(errorHandlerPlugin);
  await app.register(inputHygienePlugin);
  await app.register(securityHeadersPlugin);
  // Before anything that adds a route: every route, the API document's too, declares its access.
  await app.register(routeAccessPlugin);
  await app.register(openApiPlugin);
  await app.register(auditPlugin);
  await app.register(identityPlugin);
  await app.register(authPlugin, { jwtSecret: options.jwtSecret });
  await app.register(rbacPlugin);
  await app.register(outboxPlugin);
  await app.register(inboxPlugin);
  await app.register(schedulerPlugin);
  await app.register(metricsPlugin);
  await app.register(healthRoutes);

  await app.register(sessionModule, { prefix: '/api/v1' });
  await app.register(usersModule, { prefix: '/api/v1/users' });
  await app.register(auditLogModule, { prefix: '/api/v1/audit' });
  await app.register(operationsModule, { prefix: '/api/v1/ops' });
  // Providers before their consumers: each hands over the contract its index.ts declares (app.knowledge,
  // app.tickets, app.oncall); requireProvider stops start-up when one is missing.
  await app.register(knowledgeModule, { routePrefix: '/api/v1/knowledge' });
  await app.register(ticketsModule, { prefix: '/api/v1/tickets', settingsPrefix: '/api/v1', knowledge: requireProvider(app, { provider: 'knowledge', consumer: 'tickets' }) });
  await app.register(oncallModule, { prefix: '/api/v1/oncall' });
  await app.register(alertsModule, {
    prefix: '/api/v1/alerts',
    tickets: requireProvider(app, { provider: 'tickets', consumer: 'alerts' }),
    oncall: requireProvider(app, { provider: 'oncall', consumer: 'alerts' }),
  });
  await app.register(accessModule, { prefix: '/api/v1/access' });

  await app.register(miniappRoutes);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
