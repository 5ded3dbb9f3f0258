import type { FastifyInstance } from 'fastify';
import { verifyChainJob } from './audit-log.jobs';
import { setupListAuditRoute, setupVerifyAuditRoute } from './audit-log.routes';
import { createAuditLogService } from './audit-log.service';

/** Read-only audit trail and its tamper check for auditors and IT admins (rules S4, S5). */
export async function auditLogModule(app: FastifyInstance) {
  const service = createAuditLogService({ audit: app.audit });
  setupListAuditRoute(app, service);
  setupVerifyAuditRoute(app, service);
  app.scheduler.register(verifyChainJob({ service, cron: app.deps.config.scheduler.auditVerifyCron }));
}
