import type { TicketCategory } from '@dingops/shared/tickets';
import { beijingTime } from '@dingops/shared/rules/beijing-time';
import { type CardButton, type CardStatusColor, encodeCardButtons, encodeCardFields } from '../../dingtalk/cards-convention';
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

/** Which SLA clock a reminder is about (rule F4: respond, then resolve, within the level's times). */
export type SlaClock = 'response' | 'resolution';

const clockWords: Record<SlaClock, { verb: string; limit: string }> = { response: { verb: '响应', limit: '响应时限' }, resolution: { verb: '处理', limit: '解决时限' } };

/** Rule P3 reminders by work notification: a ticket's clock is running out (stage 1), or ran out (stage 2). */
export function slaReminder(ticket: TicketRow, publicUrl: string, { clock, stage }: { clock: SlaClock; stage: 1 | 2 }): WorkNotificationInput['msg'] {
  const what = stage === 2 ? '已超时' : '即将超时';
  const words = clockWords[clock];
  const dueAt = clock === 'response' ? ticket.responseDueAt : ticket.resolutionDueAt;
  const who = clock === 'response' ? '尚无 IT 人员响应' : `处理人：${ticket.assigneeName ?? '无人认领'}`;
  return {
    msgtype: 'action_card',
    action_card: {
      title: `工单 ${ticketNumber(ticket.id)} ${words.verb}${what}：${ticket.title}`,
      markdown: `### ${ticketNumber(ticket.id)} ${words.verb}${what}\n\n**${ticket.title}**\n\n级别：${levelLabels[ticket.level as 1 | 2 | 3]} · ${who}\n\n${words.limit}：${beijingTime(dueAt)}`,
      single_title: '查看工单',
      single_url: ticketUrl(publicUrl, ticket.id),
    },
  };
}

/** Rule F4 in the IT on-call group: nobody has responded to a ticket and its response time runs out (sampleActionCard). */
export function responseDueSoonInGroup(ticket: TicketRow, publicUrl: string): Record<string, string> {
  return {
    title: `工单 ${ticketNumber(ticket.id)} 即将超过响应时限`,
    text: `### 工单 ${ticketNumber(ticket.id)} 即将超过响应时限\n\n**${ticket.title}**\n\n${levelLabels[ticket.level as 1 | 2 | 3]}工单 · 报告人：${ticket.reporterName} · 响应时限：${beijingTime(ticket.responseDueAt)}\n\n还没有人响应，请尽快受理或指派。`,
    singleTitle: '查看工单',
    singleURL: ticketUrl(publicUrl, ticket.id),
  };
}

export const ticketUrl = (publicUrl: string, id: bigint) => `${publicUrl.replace(/\/$/, '')}/tickets/${id}`;

/** The app's level colours (UI.md): level 1 red, level 2 orange, level 3 yellow. */
const levelColors: Record<1 | 2 | 3, CardStatusColor> = { 1: 'red', 2: 'orange', 3: 'yellow' };

/** While a ticket is worked its tag wears its level's colour; once resolved green, once finished gray. */
export function ticketTagColor(ticket: Pick<TicketRow, 'status' | 'level'>): CardStatusColor {
  if (ticket.status === 'resolved') return 'green';
  if (ticket.status === 'closed' || ticket.status === 'cancelled') return 'gray';
  return levelColors[ticket.level as 1 | 2 | 3] ?? 'orange';
}

/**
 * The card IT sees in the on-call group for a level-1/2 ticket; its 受理 button accepts the ticket. It
 * says 工单 and its number up front, so nobody takes it for an alert card, and it carries no `level`
 * variable: that one belongs to the alert template, whose header (and tag) read it as an alert level.
 */
export function ticketCardParams(ticket: TicketRow, categoryName: string = categoryLabels[ticket.category as TicketCategory] ?? ticket.category): Record<string, string> {
  const buttons: CardButton[] = ticket.status === 'reported' || ticket.status === 'reopened' ? [{ id: 'accept', text: '受理', style: 'primary' }] : [];
  return {
    title: `${levelLabels[ticket.level as 1 | 2 | 3]}工单 ${ticketNumber(ticket.id)} · ${ticket.title}`,
    // Cut by characters: half an emoji is a lone surrogate, which the outbox's jsonb refuses.
    markdown: [...ticket.description].length > 300 ? `${[...ticket.description].slice(0, 300).join('')}…` : ticket.description,
    status: statusLabels[ticket.status],
    statusColor: ticketTagColor(ticket),
    fields: encodeCardFields([
      { label: '工单编号', value: ticketNumber(ticket.id) },
      { label: '级别', value: `${levelLabels[ticket.level as 1 | 2 | 3]}工单` },
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
    action_card: { title: `工单 ${ticketNumber(ticket.id)} ${statusLabels[ticket.status]}：${ticket.title}`, markdown: lines.join('\n\n'), single_title: '查看工单', single_url: ticketUrl(publicUrl, ticket.id) },
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
  return { msgtype: 'action_card', action_card: { title: `${heading}：${ticketNumber(ticket.id)} ${ticket.title}`, markdown: lines.join('\n\n'), single_title: '查看工单', single_url: ticketUrl(publicUrl, ticket.id) } };
}

/** The reporter of a duplicate learns which ticket now carries their fault. */
export function mergedNotification(duplicate: TicketRow, target: TicketRow, publicUrl: string): WorkNotificationInput['msg'] {
  const markdown = [
    `### ${ticketNumber(duplicate.id)} 已合并`,
    `你报告的「${duplicate.title}」与 ${ticketNumber(target.id)}「${target.title}」是同一个问题，已合并到该工单。`,
    '后续进展会继续通知你。',
  ].join('\n\n');
  return { msgtype: 'action_card', action_card: { title: `工单 ${ticketNumber(duplicate.id)} 已合并到 ${ticketNumber(target.id)}`, markdown, single_title: '查看工单', single_url: ticketUrl(publicUrl, target.id) } };
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
