import type { AuditEntry, AuditVerification, ListAuditQuery } from '@dingops/shared/audit';
import type { Executor } from '../../db/client';
import { checkLink, genesisHash } from './audit.chain';
import type { AuditRepository } from './audit.repository';
import type { AuditRow } from './audit.table';
import { beforeIdOf, keysetPage } from '../pagination/cursor';

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

    async list(query: ListAuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
      const rows = await repo.list({
        filter: {
          ...(query.actorId ? { actorId: query.actorId } : {}),
          ...(query.action ? { action: query.action } : {}),
          ...(query.targetType ? { targetType: query.targetType } : {}),
          ...(query.targetId ? { targetId: query.targetId } : {}),
          ...(query.from ? { from: new Date(query.from) } : {}),
          ...(query.to ? { to: new Date(query.to) } : {}),
        },
        afterId: beforeIdOf(query.cursor),
        limit: query.limit + 1,
      });
      const page = keysetPage(rows, query.limit, (row) => [String(row.id)]);
      return { items: page.items.map(toEntry), nextCursor: page.nextCursor };
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

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    result: row.result,
    sourceIp: row.sourceIp,
    requestId: row.requestId,
    summary: row.summary,
    hash: row.hash,
  };
}
