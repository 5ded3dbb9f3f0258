import type { FastifyInstance } from 'fastify';
import { setupDingtalkLoginRoute, setupMeRoute, setupPublicConfigRoute, setupSandboxAccessRoute } from './session.routes';
import { createSessionService } from './session.service';

/** Login with DingTalk, the current user, and the public settings the micro-app boots with. */
export async function sessionModule(app: FastifyInstance) {
  const { config, database, dingtalk, clock, sandboxApiUrl } = app.deps;
  const service = createSessionService({
    db: database.db,
    dingtalk,
    identity: app.identity,
    audit: app.audit,
    clock,
    issueToken: app.issueSessionToken,
    publicConfig: {
      mode: config.dingtalk.mode,
      corpId: config.dingtalk.corpId,
      clientId: config.dingtalk.clientId,
      agentId: config.dingtalk.agentId,
      sandboxApiUrl: config.dingtalk.mode === 'sandbox' ? sandboxApiUrl : null,
    },
  });
  setupPublicConfigRoute(app, service);
  setupDingtalkLoginRoute(app, service, { perMinute: config.auth.loginRateLimitPerMinute });
  setupMeRoute(app);
  if (config.dingtalk.mode === 'sandbox') setupSandboxAccessRoute(app, service);
}
