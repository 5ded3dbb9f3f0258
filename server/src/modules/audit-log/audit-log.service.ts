import type { AuditEntry, AuditFilters, AuditPerson, ListAuditQuery } from '@dingops/shared/audit';
import type { Readable } from 'node:stream';
import type { AuditContext, AuditService } from '../../platform/audit/audit.service';
import { csvStream } from '../../platform/http/csv';
import type { IdentityService } from '../../platform/identity/identity.service';
import { beforeIdOf, keysetPage } from '../../platform/pagination/cursor';
import { auditExportFileName, auditExportHeader, auditExportRow } from './audit-log.export';
import { filtersForRecord, toAuditLogFilter, type AuditLogFilter } from './audit-log.filters';
import type { AuditLogRepository, AuditLogRow } from './audit-log.repository';

/** Rows read per query while exporting: big enough to be quick, small enough to keep memory flat. */
const exportBatchSize = 1000;

type Deps = { repo: AuditLogRepository; audit: AuditService; identity: IdentityService; clock: () => Date };

/** The auditor's view of the trail. Looking at the trail is itself recorded (rule S5). */
export function createAuditLogService({ repo, audit, identity, clock }: Deps) {
  /** Every matching row, newest first, one batch per query: rows appended meanwhile are left out. */
  async function* batchesBelow(filter: AuditLogFilter, first: AuditLogRow[]): AsyncGenerator<AuditLogRow[]> {
    let batch = first;
    while (batch.length > 0) {
      yield batch;
      if (batch.length < exportBatchSize) return;
      batch = await repo.listNewestFirst({ filter, beforeId: batch.at(-1)!.id, limit: exportBatchSize });
    }
  }

  async function* csvBatches(filter: AuditLogFilter, first: AuditLogRow[]) {
    for await (const rows of batchesBelow(filter, first)) yield rows.map(auditExportRow);
  }

  return {
    async list({ query, context }: { query: ListAuditQuery; context: AuditContext }): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
      const { cursor, limit, ...filters } = query;
      const rows = await repo.listNewestFirst({ filter: toAuditLogFilter(filters), beforeId: beforeIdOf(cursor), limit: limit + 1 });
      const page = keysetPage(rows, limit, (row) => [String(row.id)]);
      await audit.record(context, { action: 'audit.listed', summary: { filters: filtersForRecord(filters) } });
      return { items: page.items.map(toEntry), nextCursor: page.nextCursor };
    },

    async verify({ context }: { context: AuditContext }) {
      const verification = await audit.verify();
      await audit.record(context, { action: 'audit.verified', result: verification.ok ? 'success' : 'failure', summary: verification });
      return verification;
    },

    /**
     * The trail as CSV for Excel, streamed batch by batch. The export is recorded before the first row
     * is read, so it is in the trail even if the download is cut off.
     */
    async exportCsv({ filters, context }: { filters: AuditFilters; context: AuditContext }): Promise<{ fileName: string; body: Readable }> {
      const filter = toAuditLogFilter(filters);
      await audit.record(context, { action: 'audit.exported', summary: { filters: filtersForRecord(filters), format: 'csv' } });
      // The first batch is read before answering, so a database failure is still a proper error response.
      const first = await repo.listNewestFirst({ filter, beforeId: null, limit: exportBatchSize });
      return { fileName: auditExportFileName(clock()), body: csvStream({ header: auditExportHeader, batches: csvBatches(filter, first) }) };
    },

    /** People to filter by, by name or DingTalk id; only what a picker shows. */
    async people({ q, context }: { q: string | undefined; context: AuditContext }): Promise<{ items: AuditPerson[] }> {
      const page = await identity.listUsers({ ...(q ? { q } : {}), limit: 20 });
      await audit.record(context, { action: 'audit.people_listed', summary: { q: q ?? null, count: page.items.length } });
      return {
        items: page.items.map((user) => ({ id: user.id, name: user.name, dingtalkUserId: user.dingtalkUserId, department: user.departments[0]?.name ?? null })),
      };
    },
  };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;

function toEntry(row: AuditLogRow): AuditEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    actorDingtalkId: row.actorDingtalkId,
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
