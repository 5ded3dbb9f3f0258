import { slaState } from '@dingops/shared/rules/sla';
import type { CauseCategory, Level, RepairAction, SlaState } from '@dingops/shared/tickets';
import { localTime } from './tickets.export';
import { causeCategoryLabels, impactLabels, levelLabels, repairActionLabels, statusLabels, ticketNumber } from '../tickets.labels';
import type { TicketEventRow, TicketRow } from '../tickets.table';

/** Only inline styles: the page has no scripts, images or outside resources, so it prints anywhere. */
export const faultReportCsp = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

export interface FaultReportInput {
  ticket: TicketRow;
  events: TicketEventRow[];
  attachmentNames: string[];
  categoryName: string;
  utcOffsetMinutes: number;
  now: Date;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every string from a person goes through here. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => escapes[char] ?? char);

const slaWords: Record<SlaState, string> = { ok: '进行中', due_soon: '即将超时', breached: '已超时', met: '按时完成' };
const eventWords: Record<TicketEventRow['kind'], string> = { created: '报告', transition: '状态变更', comment: '备注', assigned: '转派', me_too: '同样问题', merged: '合并', linked: '关联告警', record_updated: '更新记录' };

const styles = `
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2329; font-size: 11pt; line-height: 1.55; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 12.5pt; margin: 16pt 0 6pt; padding-bottom: 3pt; border-bottom: 1.5pt solid #3370ff; }
.meta { color: #646a73; margin: 0 0 10pt; }
table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 0.75pt solid #dee0e3; padding: 4pt 6pt; text-align: left; vertical-align: top; }
th { background: #f5f6f7; width: 22%; font-weight: 600; }
.timeline th { width: auto; }
.text { white-space: pre-wrap; }
.breached { color: #d83931; font-weight: 600; }
.met { color: #2ea121; }
@media screen { body { max-width: 210mm; margin: 12mm auto; padding: 0 12mm; } }
`;

/** Rule F6: the printable fault report — time, symptom, handling process and result — for one ticket. */
export function renderFaultReport({ ticket, events, attachmentNames, categoryName, utcOffsetMinutes, now }: FaultReportInput): string {
  const time = (at: Date | null) => (at ? escapeHtml(localTime(at, utcOffsetMinutes) ?? '') : '—');
  const text = (value: string | null | undefined) => (value ? `<span class="text">${escapeHtml(value)}</span>` : '—');
  const sla = (dueAt: Date, doneAt: Date | null) => {
    const state = slaState({ startedAt: ticket.createdAt, dueAt, doneAt, now });
    return `${time(dueAt)}（<span class="${state}">${slaWords[state]}</span>）`;
  };
  const row = (label: string, value: string) => `<tr><th>${label}</th><td>${value}</td></tr>`;
  const number = ticketNumber(ticket.id);
  const actions = ticket.actionsTaken.map((action) => repairActionLabels[action as RepairAction] ?? action).join('、');
  const timeline = events
    .map((event) => `<tr><td>${time(event.at)}</td><td>${escapeHtml(event.actorName)}</td><td>${eventWords[event.kind]}${event.toStatus ? ` → ${statusLabels[event.toStatus as TicketRow['status']] ?? escapeHtml(event.toStatus)}` : ''}</td><td>${text(event.note)}</td></tr>`)
    .join('');
  const reporter = ticket.reporterDepartment ? `${escapeHtml(ticket.reporterName)}（${escapeHtml(ticket.reporterDepartment)}）` : escapeHtml(ticket.reporterName);

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>故障报告 ${number} ${escapeHtml(ticket.title)}</title>
<style>${styles}</style>
</head>
<body>
<h1>故障报告 ${number}</h1>
<p class="meta">${escapeHtml(ticket.title)} · ${levelLabels[ticket.level as Level]} · ${statusLabels[ticket.status]} · 生成于 ${time(now)}</p>
<h2>基本信息</h2>
<table>
${row('标题', escapeHtml(ticket.title))}
${row('级别', levelLabels[ticket.level as Level])}
${row('分类', escapeHtml(categoryName))}
${row('报告人', reporter)}
${row('联系方式', text(ticket.contact))}
${row('影响范围', `${impactLabels[ticket.impact]} · ${ticket.affectedCount} 人受影响`)}
${ticket.alertGroupId ? row('关联告警组', escapeHtml(ticket.alertGroupId)) : ''}
</table>
<h2>时间</h2>
<table>
${row('故障开始', time(ticket.startedAt))}
${row('报告时间', time(ticket.createdAt))}
${row('受理时间', time(ticket.respondedAt))}
${row('解决时间', time(ticket.resolvedAt))}
${row('关闭时间', time(ticket.closedAt))}
${row('响应时限', sla(ticket.responseDueAt, ticket.respondedAt))}
${row('解决时限', sla(ticket.resolutionDueAt, ticket.resolvedAt))}
</table>
<h2>故障现象</h2>
<table>
${row('描述', text(ticket.description))}
${row('操作步骤', text(ticket.steps))}
${row('截图', attachmentNames.length ? attachmentNames.map(escapeHtml).join('<br>') : '—')}
</table>
<h2>处理过程</h2>
<table class="timeline">
<tr><th>时间</th><th>人员</th><th>事项</th><th>说明</th></tr>
${timeline}
</table>
<h2>故障记录</h2>
<table>
${row('原因分类', ticket.causeCategory ? causeCategoryLabels[ticket.causeCategory as CauseCategory] ?? escapeHtml(ticket.causeCategory) : '—')}
${row('原因', text(ticket.cause))}
${row('处理措施', actions ? escapeHtml(actions) : '—')}
${row('处理结果', text(ticket.resolution))}
${row('耗时', ticket.timeSpentMinutes === null ? '—' : `${ticket.timeSpentMinutes} 分钟`)}
${row('满意度', ticket.satisfaction ? `${'★'.repeat(ticket.satisfaction)}（${ticket.satisfaction}/5）${ticket.satisfactionComment ? ` ${escapeHtml(ticket.satisfactionComment)}` : ''}` : '未评价')}
</table>
</body>
</html>
`;
}
