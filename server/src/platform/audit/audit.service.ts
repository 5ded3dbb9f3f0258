import type { AuditVerification } from '@dingops/shared/audit';
import type { Executor } from '../../db/client';
import { checkLink, genesisHash } from './audit.chain';
import type { AuditRepository } from './audit.repository';

/** Who did it and from where; built once per request, passed to services. */
export interface AuditContext {
  actorId: string | null;
  actorName: string | null;
  sourceIp: string | null;
  requestId: string | null;
}

export interface AuditEvent {
  action: string;
  target?: { type: string; id: string } | null;
  result?: 'success' | 'failure' | 'denied';
  summary?: Record<string, unknown>;
}

export const systemContext: AuditContext = { actorId: 'system', actorName: 'DingOps', sourceIp: null, requestId: null };

export function createAuditService({ repo, clock }: { repo: AuditRepository; clock: () => Date }) {
  return {
    record(context: AuditContext, event: AuditEvent, tx?: Executor) {
      return repo.append(
        {
          at: clock(),
          ...context,
          action: event.action,
          targetType: event.target?.type ?? null,
          targetId: event.target?.id ?? null,
          result: event.result ?? 'success',
          summary: event.summary ?? {},
        },
        tx,
      );
    },

    /** Walks the whole chain oldest first and stops at the first broken link. */
    async verify(): Promise<AuditVerification> {
      let expectedPrev = genesisHash;
      let afterId: bigint | null = null;
      let checked = 0;
      for (;;) {
        const batch = await repo.readBatch({ afterId, size: 1000 });
        for (const row of batch) {
          const result = checkLink({ ...row, id: String(row.id) }, expectedPrev);
          if (!result.ok) return { ok: false, checked, firstBrokenId: String(row.id), reason: result.reason };
          checked += 1;
          expectedPrev = row.hash;
        }
        const last = batch.at(-1);
        if (!last) return { ok: true, checked, firstBrokenId: null, reason: null };
        afterId = last.id;
      }
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
