import type { ListAuditQuery } from '@dingops/shared/audit';
import type { AuditContext, AuditService } from '../../platform/audit/audit.service';

/** The auditor's view of the trail. Looking at the trail is itself recorded (rule S5). */
export function createAuditLogService({ audit }: { audit: AuditService }) {
  return {
    async list({ query, context }: { query: ListAuditQuery; context: AuditContext }) {
      const page = await audit.list(query);
      const { cursor: _cursor, limit: _limit, ...filters } = query;
      await audit.record(context, { action: 'audit.listed', summary: { filters } });
      return page;
    },

    async verify({ context }: { context: AuditContext }) {
      const verification = await audit.verify();
      await audit.record(context, { action: 'audit.verified', result: verification.ok ? 'success' : 'failure', summary: verification });
      return verification;
    },
  };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;
