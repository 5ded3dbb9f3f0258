import type { FastifyInstance } from 'fastify';
import { verifyChainJob } from './audit-log.jobs';
import { createAuditLogRepository } from './audit-log.repository';
import { setupAuditPeopleRoute, setupExportAuditRoute, setupListAuditRoute, setupVerifyAuditRoute } from './audit-log.routes';
import { createAuditLogService } from './audit-log.service';

/** Read-only audit trail, its CSV export and its tamper check, for auditors and IT admins (rules S4, S5). */
export async function auditLogModule(app: FastifyInstance) {
  const repo = createAuditLogRepository({ db: app.deps.database.db });
  const service = createAuditLogService({ repo, audit: app.audit, identity: app.identity, clock: app.deps.clock });
  setupListAuditRoute(app, service);
  setupExportAuditRoute(app, service);
  setupVerifyAuditRoute(app, service);
  setupAuditPeopleRoute(app, service);
  app.scheduler.register(verifyChainJob({ service, cron: app.deps.config.scheduler.auditVerifyCron }));
}
