import type { TicketCategory } from '@dingops/shared/tickets';
import { beijingTime } from '@dingops/shared/rules/beijing-time';
import { type CardButton, encodeCardButtons, encodeCardFields } from '../../dingtalk/cards-convention';
import type { WorkNotificationInput } from '../../dingtalk/work-notifications';
import { categoryLabels, impactLabels, levelLabels, statusLabels, ticketNumber } from './tickets.labels';
import type { TicketRow } from './tickets.table';

/** Card and message builders for tickets: pure, so what DingTalk shows is unit-tested. */

export const ticketCardId = (id: bigint) => `ticket-${id}`;
export const ratingCardId = (id: bigint) => `ticket-${id}-rating`;

/** Which ticket a card belongs to, and whether it is the IT group card or the reporter's rating card. */
export function ticketCardOf(outTrackId: string): { ticketId: bigint; kind: 'group' | 'rating' } | null {
  const match = /^ticket-(\d+)(-rating)?$/.exec(outTrackId);
  return match?.[1] ? { ticketId: BigInt(match[1]), kind: match[2] ? 'rating' : 'group' } : null;
}

/** The one-tap satisfaction card the reporter gets on close: five buttons, one per score. */
export function ratingCardParams(ticket: TicketRow): Record<string, string> {
  const rated = ticket.satisfaction;
  const buttons: CardButton[] = rated ? [] : [1, 2, 3, 4, 5].map((score) => ({ id: `rate-${score}`, text: '★'.repeat(score), style: score === 5 ? 'primary' : 'default', params: { score: String(score) } }));
  return {
    title: rated ? '感谢你的评价' : '请为本次服务评分',
    markdown: `工单 ${ticketNumber(ticket.id)}「${ticket.title}」已关闭。${rated ? `你的评分：${'★'.repeat(rated)}` : '处理得怎么样？点一下星星告诉我们。'}`,
    status: rated ? `${rated} 星` : '待评价',
    statusColor: rated ? 'green' : 'blue',
    buttons: encodeCardButtons(buttons),
    footer: '由 DingOps 发送',
  };
}

/** Rule P3 reminders: a ticket's resolution clock is running out, or ran out. */
export function slaReminder(ticket: TicketRow, publicUrl: string, stage: 1 | 2): WorkNotificationInput['msg'] {
  const what = stage === 2 ? '已超时' : '即将超时';
  return {
    msgtype: 'action_card',
    action_card: {
      title: `工单${what}：${ticket.title}`,
      markdown: `### ${ticketNumber(ticket.id)} 处理${what}\n\n**${ticket.title}**\n\n级别：${levelLabels[ticket.level as 1 | 2 | 3]} · 处理人：${ticket.assigneeName ?? '无人认领'}\n\n解决时限：${beijingTime(ticket.resolutionDueAt)}`,
      single_title: '查看工单',
      single_url: ticketUrl(publicUrl, ticket.id),
    },
  };
}

export const ticketUrl = (publicUrl: string, id: bigint) => `${publicUrl.replace(/\/$/, '')}/tickets/${id}`;

const statusColors: Record<TicketRow['status'], string> = {
  reported: 'orange',
  accepted: 'blue',
  diagnosing: 'blue',
  resolved: 'green',
  closed: 'gray',
  reopened: 'orange',
  cancelled: 'gray',
};

/** The card IT sees in the on-call group for a level-1/2 ticket; its 受理 button accepts the ticket. */
export function ticketCardParams(ticket: TicketRow, categoryName: string = categoryLabels[ticket.category as TicketCategory] ?? ticket.category): Record<string, string> {
  const buttons: CardButton[] = ticket.status === 'reported' || ticket.status === 'reopened' ? [{ id: 'accept', text: '受理', style: 'primary' }] : [];
  return {
    title: `[${levelLabels[ticket.level as 1 | 2 | 3]}] ${ticket.title}`,
    // Cut by characters: half an emoji is a lone surrogate, which the outbox's jsonb refuses.
    markdown: [...ticket.description].length > 300 ? `${[...ticket.description].slice(0, 300).join('')}…` : ticket.description,
    status: statusLabels[ticket.status],
    statusColor: statusColors[ticket.status],
    level: String(ticket.level),
    fields: encodeCardFields([
      { label: '工单编号', value: ticketNumber(ticket.id) },
      { label: '报告人', value: ticket.reporterDepartment ? `${ticket.reporterName}（${ticket.reporterDepartment}）` : ticket.reporterName },
      { label: '类别', value: categoryName },
      { label: '影响范围', value: ticket.affectedCount > 1 ? `${impactLabels[ticket.impact]} · ${ticket.affectedCount} 人受影响` : impactLabels[ticket.impact] },
      { label: '处理人', value: ticket.assigneeName ?? '待认领' },
    ]),
    buttons: encodeCardButtons(buttons),
    footer: '由 DingOps 发送',
  };
}

/** Rule F4: the reporter hears about every step of their ticket. */
export function statusNotification(ticket: TicketRow, publicUrl: string, note: string | null): WorkNotificationInput['msg'] {
  const lines = [
    `### ${ticketNumber(ticket.id)} ${statusLabels[ticket.status]}`,
    `**${ticket.title}**`,
    ticket.assigneeName ? `处理人：${ticket.assigneeName}` : '',
    ticket.status === 'resolved' && ticket.resolution ? `处理结果：${ticket.resolution}` : '',
    note ? `备注：${note}` : '',
    ticket.status === 'resolved' ? '问题已解决，请在工单中确认或重新打开。' : '',
  ].filter(Boolean);
  return {
    msgtype: 'action_card',
    action_card: { title: `工单${statusLabels[ticket.status]}：${ticket.title}`, markdown: lines.join('\n\n'), single_title: '查看工单', single_url: ticketUrl(publicUrl, ticket.id) },
  };
}

/** Rule F4: a ticket was handed to someone (or taken away from them). */
export function assignmentNotification(ticket: TicketRow, publicUrl: string, { handedTo, categoryName, note }: { handedTo: 'you' | 'someone_else'; categoryName: string; note: string | null }): WorkNotificationInput['msg'] {
  const heading = handedTo === 'you' ? '转派给你的工单' : `工单已转派给 ${ticket.assigneeName ?? ''}`;
  const lines = [
    `### ${heading}`,
    `**${ticketNumber(ticket.id)} ${ticket.title}**`,
    `级别：${levelLabels[ticket.level as 1 | 2 | 3]} · 类别：${categoryName} · 状态：${statusLabels[ticket.status]}`,
    note ? `备注：${note}` : '',
  ].filter(Boolean);
  return { msgtype: 'action_card', action_card: { title: `${heading}：${ticket.title}`, markdown: lines.join('\n\n'), single_title: '查看工单', single_url: ticketUrl(publicUrl, ticket.id) } };
}

/** The reporter of a duplicate learns which ticket now carries their fault. */
export function mergedNotification(duplicate: TicketRow, target: TicketRow, publicUrl: string): WorkNotificationInput['msg'] {
  const markdown = [
    `### ${ticketNumber(duplicate.id)} 已合并`,
    `你报告的「${duplicate.title}」与 ${ticketNumber(target.id)}「${target.title}」是同一个问题，已合并到该工单。`,
    '后续进展会继续通知你。',
  ].join('\n\n');
  return { msgtype: 'action_card', action_card: { title: `工单已合并到 ${ticketNumber(target.id)}`, markdown, single_title: '查看工单', single_url: ticketUrl(publicUrl, target.id) } };
}

/** The robot's answer in the chat a fault was reported in (sampleActionCard). */
export function chatReply(ticket: TicketRow, publicUrl: string): Record<string, string> {
  return {
    title: `已创建工单 ${ticketNumber(ticket.id)}`,
    text: `### 已创建工单 ${ticketNumber(ticket.id)}\n\n**${ticket.title}**\n\n状态：${statusLabels[ticket.status]} · 级别：${levelLabels[ticket.level as 1 | 2 | 3]}\n\nIT 运维会尽快处理，进展会通过工作通知告诉你。`,
    singleTitle: '查看工单',
    singleURL: ticketUrl(publicUrl, ticket.id),
  };
}
