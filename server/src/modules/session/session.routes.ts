import { dingtalkLoginBodySchema, publicConfigSchema, sandboxAccessSchema, sessionSchema } from '@dingops/shared/auth';
import { userSchema } from '@dingops/shared/users';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit';
import type { SessionService } from './session.service';

export function setupPublicConfigRoute(app: FastifyInstance, service: SessionService) {
  app.withTypeProvider<ZodTypeProvider>().get('/config', {
    config: { access: 'public' },
    schema: { tags: ['session'], summary: 'Settings the micro-app needs before login', security: [], response: { 200: publicConfigSchema } },
    handler: async () => service.publicConfig(),
  });
}

export function setupDingtalkLoginRoute(app: FastifyInstance, service: SessionService, { perMinute }: { perMinute: number }) {
  app.withTypeProvider<ZodTypeProvider>().post('/auth/dingtalk', {
    config: { access: 'public', rateLimit: { max: perMinute, timeWindow: '1 minute' } },
    schema: { tags: ['session'], summary: 'Log in with a DingTalk auth code', security: [], body: dingtalkLoginBodySchema, response: { 200: sessionSchema } },
    handler: async (request) => service.login({ authCode: request.body.authCode, context: auditContextOf(request) }),
  });
}

export function setupMeRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/me', {
    // A person waiting for registration review reads their own status here, and nothing else.
    config: { access: 'authenticated', allowPending: true },
    schema: { tags: ['session'], summary: 'The logged-in person with their roles and account status', response: { 200: userSchema } },
    handler: async (request) => request.actor!,
  });
}

/**
 * Sandbox mode only (not registered live): the demo people's DingOps access before anyone logs in, so
 * the "log in as" picker shows 员工 / 部门主管 / 信息部门 / IT 管理员 / 审计 from the stored grants and leadership.
 */
export function setupSandboxAccessRoute(app: FastifyInstance, service: SessionService) {
  app.withTypeProvider<ZodTypeProvider>().get('/auth/sandbox-access', {
    config: { access: 'public' },
    schema: { tags: ['session'], summary: 'Sandbox only: each demo person’s roles and status, for the login picker', security: [], response: { 200: sandboxAccessSchema } },
    handler: async () => service.sandboxAccess(),
  });
}
