import type { CauseCategory, Level, RepairAction } from '@dingops/shared/tickets';
import { causeCategoryLabels, impactLabels, levelLabels, repairActionLabels, statusLabels, ticketNumber } from '../tickets.labels';
import type { TicketRow } from '../tickets.table';

/** Excel reads a UTF-8 file as the local code page unless it starts with a byte-order mark. */
export const utf8Bom = '\uFEFF';

export const exportHeader = ['编号', '标题', '分类', '级别', '状态', '影响范围', '报告人', '部门', '处理人', '报告时间', '响应时限', '解决时限', '解决时间', '原因分类', '原因', '处理措施', '耗时(分钟)', '同样问题人数', '满意度'];

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would run as a formula (= + - @, tab, carriage return
 * first) gets a leading apostrophe, so a ticket title cannot become a formula on IT's machine.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** Local wall-clock time ("2026-11-28 16:00") in the business calendar's offset. */
export function localTime(at: Date | null, utcOffsetMinutes: number): string | null {
  if (!at) return null;
  return new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function exportRow(ticket: TicketRow, { categoryNames, utcOffsetMinutes }: { categoryNames: Map<string, string>; utcOffsetMinutes: number }): string {
  const time = (at: Date | null) => localTime(at, utcOffsetMinutes);
  return csvLine([
    ticketNumber(ticket.id),
    ticket.title,
    categoryNames.get(ticket.category) ?? ticket.category,
    levelLabels[ticket.level as Level],
    statusLabels[ticket.status],
    impactLabels[ticket.impact],
    ticket.reporterName,
    ticket.reporterDepartment,
    ticket.assigneeName,
    time(ticket.createdAt),
    time(ticket.responseDueAt),
    time(ticket.resolutionDueAt),
    time(ticket.resolvedAt),
    ticket.causeCategory ? causeCategoryLabels[ticket.causeCategory as CauseCategory] : null,
    ticket.cause,
    ticket.actionsTaken.map((action) => repairActionLabels[action as RepairAction] ?? action).join('、'),
    ticket.timeSpentMinutes,
    ticket.affectedCount,
    ticket.satisfaction,
  ]);
}

/** tickets-20261128.csv, dated in the business calendar's offset. */
export const exportFileName = (now: Date, utcOffsetMinutes: number) => `tickets-${(localTime(now, utcOffsetMinutes) ?? '').slice(0, 10).replace(/-/g, '')}.csv`;
