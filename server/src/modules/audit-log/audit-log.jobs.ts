import { systemContext } from '../../platform/audit/audit.service';
import type { Job } from '../../platform/scheduler/scheduler.service';
import type { AuditLogService } from './audit-log.service';

/** Rule S5 (periodic audit): walk the hash chain every night; a broken chain fails the run for admins to see. */
export function verifyChainJob({ service, cron }: { service: AuditLogService; cron: string }): Job {
  return {
    name: 'audit.verify_chain',
    cron,
    async run() {
      const result = await service.verify({ context: systemContext });
      if (!result.ok) throw new Error(`Audit chain broken at row ${result.firstBrokenId}: ${result.reason}`);
      return `${result.checked} rows intact`;
    },
  };
}
