import { type exportTicketsQuerySchema, maxExportRows } from '@dingops/shared/tickets';
import type { z } from 'zod';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { renderFaultReport } from './fault-report.html';
import { exportFileName, exportHeader, exportRow, csvLine, utf8Bom } from './tickets.export';
import { queueForbidden } from '../tickets.errors';
import type { TicketFilter } from '../tickets.repository';
import type { TicketActor, TicketsService } from '../tickets.service';

type ExportTicketsQuery = z.infer<typeof exportTicketsQuerySchema>;

/** Rows read per keyset batch while exporting. */
const exportBatch = 500;

/** The CSV export for IT's spreadsheets and the printable fault report (rule F6, F7). */
export function createTicketReports({ core, audit, clock }: { core: TicketsService; audit: AuditService; clock: () => Date }) {
  const { repo } = core;

  return {
    /** The list's filters and access (employees export only their own), at most `maxExportRows` rows. */
    async exportCsv({ query, actor, context }: { query: ExportTicketsQuery; actor: TicketActor; context: AuditContext }): Promise<{ fileName: string; body: string; rows: number }> {
      if (query.view !== 'mine' && !actor.isIt) throw queueForbidden(query.view);
      const now = clock();
      const filter: TicketFilter = {
        ...(query.view === 'mine' ? { reportedOrFollowedBy: actor.user.id } : {}),
        ...(query.view === 'assigned' ? { assigneeId: actor.user.id } : {}),
        ...(query.view === 'unassigned' ? { unassigned: true } : {}),
        ...(query.assigneeId ? { assigneeId: query.assigneeId } : {}),
        ...(query.alertGroupId ? { alertGroupId: query.alertGroupId } : {}),
        ...(query.status ? { statuses: query.status } : {}),
        ...(query.level ? { level: query.level } : {}),
        ...(query.category ? { category: query.category } : {}),
        ...(query.overdue ? { overdueAt: now } : {}),
      };
      const [categoryNames, settings] = await Promise.all([core.categories.namesByCode(), core.slaSettings.get()]);
      const format = { categoryNames, utcOffsetMinutes: settings.calendar.utcOffsetMinutes };
      const chunks = [utf8Bom, csvLine(exportHeader)];
      let beforeId: bigint | null = null;
      let rows = 0;
      while (rows < maxExportRows) {
        const batch = await repo.list({ filter, beforeId, limit: Math.min(exportBatch, maxExportRows - rows) });
        for (const ticket of batch) chunks.push(exportRow(ticket, format));
        rows += batch.length;
        if (batch.length === 0 || rows >= maxExportRows) break;
        beforeId = batch[batch.length - 1]!.id;
      }
      // Rule S4/S5: a bulk read of tickets is an export, and audited as one.
      await audit.record(context, { action: 'tickets.exported', target: { type: 'tickets', id: query.view }, summary: { filters: { ...query }, rows, truncated: rows >= maxExportRows } });
      return { fileName: exportFileName(now, settings.calendar.utcOffsetMinutes), body: chunks.join(''), rows };
    },

    /** Same access as the detail; IT reading someone else's report is audited (rule S4). */
    async faultReport({ id, actor, context }: { id: bigint; actor: TicketActor; context: AuditContext }): Promise<string> {
      const ticket = await core.requireVisible(id, actor);
      if (ticket.reporterId !== actor.user.id) await audit.record(context, { action: 'tickets.report_read', target: { type: 'ticket', id: String(id) } });
      const [events, attachments, categoryName, settings] = await Promise.all([repo.timeline(id), repo.listAttachments(id), core.categories.nameOf(ticket.category), core.slaSettings.get()]);
      return renderFaultReport({ ticket, events, attachmentNames: attachments.map((file) => file.fileName), categoryName, utcOffsetMinutes: settings.calendar.utcOffsetMinutes, now: clock() });
    },
  };
}

export type TicketReports = ReturnType<typeof createTicketReports>;
