import { alertPaths, appUrl } from '@dingops/shared/alerts-paths';
import type { EscalationTarget } from '@dingops/shared/oncall';
import { levelNames, type AlertLevel } from '@dingops/shared/rules/alert-classify';
import { beijingTime } from '@dingops/shared/rules/beijing-time';
import { readWalk } from '@dingops/shared/rules/escalation';
import { type CardButton, encodeCardButtons, encodeCardFields } from '../../../dingtalk/cards-convention';
import type { WorkNotificationInput } from '../../../dingtalk/work-notifications';
import type { AlertGroupRow } from '../alerts.table';

/** Card and message builders for alert groups: pure, so what DingTalk shows is unit-tested. */

export const alertGroupCardId = (id: bigint) => `alert-group-${id}`;

export function alertGroupIdOf(outTrackId: string): bigint | null {
  const match = /^alert-group-(\d+)$/.exec(outTrackId);
  return match?.[1] ? BigInt(match[1]) : null;
}

/** The group's page in the micro-app: every link DingOps sends about a group points here. */
export const alertGroupUrl = (publicUrl: string, id: bigint) => appUrl(publicUrl, alertPaths.group(id));
export const alertListUrl = (publicUrl: string) => appUrl(publicUrl, alertPaths.list);
/** The linked ticket's page (the tickets module's /tickets/:ticketId). */
const ticketUrl = (publicUrl: string, ticketId: string) => appUrl(publicUrl, `/tickets/${encodeURIComponent(ticketId)}`);
/** The number people know a ticket by (the tickets module's GZ- and six digits), never its bare id. */
export const ticketNumberOf = (ticketId: string) => `GZ-${ticketId.padStart(6, '0')}`;

/** "3 分钟", "2 小时 5 分钟": how long something has lasted, as the card says it. */
export function durationText(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return '不到 1 分钟';
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} 小时${minutes % 60 ? ` ${minutes % 60} 分钟` : ''}`;
  return `${Math.floor(hours / 24)} 天${hours % 24 ? ` ${hours % 24} 小时` : ''}`;
}

const levelColors: Record<AlertLevel, string> = { 1: 'red', 2: 'orange', 3: 'yellow' };

function statusOf(group: AlertGroupRow, now: Date): { text: string; color: string } {
  if (group.status === 'resolved') {
    const lasted = durationText((group.resolvedAt ?? now).getTime() - group.openedAt.getTime());
    return { text: `${group.resolvedManually ? '已手动解决' : '已解决'}（持续 ${lasted}）`, color: 'green' };
  }
  if (group.status === 'acknowledged') return { text: `已认领：${group.acknowledgedBy ?? '—'}`, color: 'blue' };
  return { text: '未认领', color: levelColors[group.level as AlertLevel] ?? 'orange' };
}

/** "作战群：<title>" once DingTalk made the group; while it is being made, say so. */
function warRoomLine(group: AlertGroupRow): string {
  if (!group.warRoomTitle) return '';
  return group.warRoomConversationId ? `作战群：${group.warRoomTitle}` : `作战群创建中：${group.warRoomTitle}`;
}

/** The group's card: one per level-1/2 group, updated in place by outTrackId. */
export function alertCardParams(group: AlertGroupRow, { now, publicUrl }: { now: Date; publicUrl: string }): Record<string, string> {
  const level = group.level as AlertLevel;
  const status = statusOf(group, now);
  const open = group.status !== 'resolved';
  const escalation = escalationSummary(group.escalationStepsDone);
  const lines = [
    // Cut by characters: half an emoji is a lone surrogate, which the outbox's jsonb refuses.
    group.summary ? ([...group.summary].length > 500 ? `${[...group.summary].slice(0, 500).join('')}…` : group.summary) : '',
    `**${group.firingCount}** 条告警触发中 · 共 ${group.alertCount} 条`,
    open ? `已持续 ${durationText(now.getTime() - group.openedAt.getTime())}` : '',
    group.flapping ? '⚠ 状态反复变化（抖动），卡片更新已减缓' : '',
    group.suppressed && open ? '已静默或被抑制：不再通知' : '',
    group.ticketId ? `已创建工单：[${ticketNumberOf(group.ticketId)}](${ticketUrl(publicUrl, group.ticketId)})` : '',
    warRoomLine(group),
    `[在应用中打开](${alertGroupUrl(publicUrl, group.id)})`,
  ].filter(Boolean);
  const buttons: CardButton[] = open
    ? [
        { id: 'acknowledge', text: '认领', style: 'primary', disabled: group.status === 'acknowledged' },
        { id: 'resolve', text: '解决', style: 'default' },
        { id: 'silence_1h', text: '静默1小时', style: 'default' },
        { id: 'escalate', text: '升级', style: 'danger', disabled: level === 1 },
        { id: 'create_ticket', text: '创建工单', style: 'default', disabled: group.ticketId !== null },
        // Level 1 only: a DingTalk group with the on-call people, the service owners and whoever pressed it.
        ...(level === 1 ? [{ id: 'open_war_room', text: '作战群', style: 'danger' as const, disabled: group.warRoomRequestedAt !== null }] : []),
      ]
    : [];
  buttons.push({ id: 'open', text: '在应用中打开', style: 'default', params: { url: alertGroupUrl(publicUrl, group.id) } });
  return {
    title: `[${levelNames[level]}] ${group.title}`,
    markdown: lines.join('\n\n'),
    status: status.text,
    statusColor: status.color,
    level: String(level),
    // A resolved group looks resolved: the header turns green too, not only the status tag.
    headerColor: group.status === 'resolved' ? 'green' : levelColors[level],
    fields: encodeCardFields([
      { label: '级别原因', value: group.levelReason },
      { label: '分组', value: group.groupKey },
      { label: '开始时间', value: beijingTime(group.openedAt) },
      ...(group.acknowledgedBy ? [{ label: '认领人', value: group.acknowledgedBy }] : []),
      ...(escalation ? [{ label: '升级', value: escalation }] : []),
      ...(group.warRoomTitle ? [{ label: '作战群', value: group.warRoomConversationId ? group.warRoomTitle : `${group.warRoomTitle}（创建中）` }] : []),
    ]),
    buttons: encodeCardButtons(buttons),
    footer: '由 DingOps 发送',
  };
}

/**
 * The level-3 digest: groups opened or resolved since the last one (no card per level-3 group). Only
 * the first `shown` groups are listed (still firing first); the rest are counted with a link to the app,
 * so the card stays within DingTalk's size limit however many groups there are.
 */
export function digestCardParams(groups: AlertGroupRow[], { now, publicUrl, shown = groups.length }: { now: Date; publicUrl: string; shown?: number }): Record<string, string> {
  const opened = groups.filter((group) => group.status !== 'resolved');
  const resolved = groups.filter((group) => group.status === 'resolved');
  const openedShown = opened.slice(0, shown);
  const resolvedShown = resolved.slice(0, Math.max(0, shown - openedShown.length));
  const hidden = groups.length - openedShown.length - resolvedShown.length;
  const line = (group: AlertGroupRow) => `- [${group.title}](${alertGroupUrl(publicUrl, group.id)}) · ${group.firingCount}/${group.alertCount} 条`;
  const sections = [
    opened.length > 0 ? `**新增 / 仍在触发（${opened.length}）**\n${openedShown.map(line).join('\n')}` : '',
    resolved.length > 0 ? `**已恢复（${resolved.length}）**\n${resolvedShown.map(line).join('\n')}` : '',
    hidden > 0 ? `另有 ${hidden} 项，详见应用 [告警列表](${alertListUrl(publicUrl)})` : '',
  ].filter(Boolean);
  return {
    title: `三级告警汇总（${beijingTime(now)}）`,
    markdown: sections.join('\n\n'),
    status: `${groups.length} 组`,
    statusColor: 'yellow',
    level: '3',
    fields: encodeCardFields([]),
    buttons: encodeCardButtons([]),
    footer: '由 DingOps 发送',
  };
}

/** Still-firing groups first: the order the digest lists them in. */
export const digestOrder = (groups: AlertGroupRow[]) => [...groups.filter((group) => group.status !== 'resolved'), ...groups.filter((group) => group.status === 'resolved')];

/** The on-call person's work notification for a level-1 group (and each escalation step). */
export function pageNotification(group: AlertGroupRow, { publicUrl, why }: { publicUrl: string; why: string }): WorkNotificationInput['msg'] {
  return {
    msgtype: 'action_card',
    action_card: {
      title: `[${levelNames[group.level as AlertLevel]}告警] ${group.title}`,
      markdown: `### [${levelNames[group.level as AlertLevel]}告警] ${group.title}\n\n${group.summary ?? ''}\n\n${group.firingCount} 条告警触发中 · ${group.levelReason}\n\n${why}`,
      single_title: '查看告警',
      single_url: alertGroupUrl(publicUrl, group.id),
    },
  };
}

/** Escalation targets as the micro-app's policy page names them. */
export const escalationTargetNames: Record<EscalationTarget, string> = { oncall_primary: '值班主岗', oncall_secondary: '值班副岗', it_leads: 'IT 负责人', leadership_group: '管理层群' };

/**
 * The timeline's line for an escalation step: which step, whom it was for, and who was reached — or
 * that it found nobody and the walk went straight on.
 */
export function escalationStepNote({ index, targets, reached, kind, isLast }: { index: number; targets: readonly EscalationTarget[]; reached: readonly string[]; kind: 'notify' | 'pass' | 'retry'; isLast: boolean }): string {
  const step = `第 ${index + 1} 步（${targets.map((target) => escalationTargetNames[target]).join('、')}）`;
  if (kind === 'pass') return `${step}：无人可通知${isLast ? '' : '，已转下一步'}`;
  return `${step}：${kind === 'retry' ? '重试，' : ''}通知 ${reached.join('、')}`;
}

/** The timeline's line when no step reached anyone and the fallback chats were told instead. */
export function escalationFallbackNote(told: readonly string[]): string {
  return `各步均无人可通知：${told.length > 0 ? `已通知${told.join('、')}` : '没有可通知的群'}；有人可通知时立即补发`;
}

/** The card's 升级 line, read from the walk record: steps carried out, and those passed for want of anyone. */
export function escalationSummary(record: readonly number[]): string | null {
  const { reached, passed } = readWalk(record);
  if (reached.length === 0 && passed.length === 0) return null;
  if (reached.length === 0) return '各步均无人可通知，已通知告警群，持续重试';
  const skipped = passed.length > 0 ? `；第 ${passed.map((step) => step + 1).join('、')} 步无人可通知，已转下一步` : '';
  return `已执行 ${reached.length} 步${skipped}`;
}

/** Posted when no step of the policy reaches anyone: the card's group @s IT, the leadership group is told. */
export function escalationFallbackMessage(group: AlertGroupRow, { names, publicUrl, minutes }: { names: string[]; publicUrl: string; minutes: number }) {
  const who = names.length > 0 ? `\n\n请信息部立即处理：${names.map((name) => `@${name}`).join(' ')}` : '';
  return {
    title: `告警无人可通知：${group.title}`,
    text: `### 告警无人可通知：${group.title}\n\n${levelNames[group.level as AlertLevel]}告警已触发 ${minutes} 分钟，升级策略的每一步都找不到可通知的人（值班表为空，或钉钉暂时不可用）。有人值班后会立即补发通知。${who}\n\n[查看告警](${alertGroupUrl(publicUrl, group.id)})`,
  };
}

/** A line in the card's group (or the leadership group) when escalation reaches people there. */
export function escalationMessage(group: AlertGroupRow, { names, publicUrl, minutes }: { names: string[]; publicUrl: string; minutes: number }) {
  const who = names.length > 0 ? names.map((name) => `@${name}`).join(' ') : '';
  return {
    title: `告警升级：${group.title}`,
    text: `### 告警升级：${group.title}\n\n${levelNames[group.level as AlertLevel]}告警已 ${minutes} 分钟无人认领。${who}\n\n[查看告警](${alertGroupUrl(publicUrl, group.id)})`,
  };
}

/** The war room's name in DingTalk: short, since a group title shows in a narrow chat list. */
export function warRoomTitle(group: Pick<AlertGroupRow, 'title'>): string {
  const name = `作战群·${group.title}`;
  return [...name].length > 30 ? `${[...name].slice(0, 29).join('')}…` : name;
}

/** The first message in a new war room: what happened, why it is level 1, and where to work on it. */
export function warRoomContextMessage(group: AlertGroupRow, { publicUrl, now }: { publicUrl: string; now: Date }) {
  const level = group.level as AlertLevel;
  const labels = Object.entries(group.labels).map(([name, value]) => `\`${name}=${value}\``).join(' ');
  return {
    title: `作战群：${group.title}`,
    text: [
      `### [${levelNames[level]}] ${group.title}`,
      group.summary ?? '',
      `**级别原因**：${group.levelReason}`,
      `**触发中**：${group.firingCount} / ${group.alertCount} 条 · 已持续 ${durationText(now.getTime() - group.openedAt.getTime())}`,
      labels ? `**标签**：${labels}` : '',
      group.acknowledgedBy ? `**认领人**：${group.acknowledgedBy}` : '**尚无人认领**',
      `[在应用中查看告警](${alertGroupUrl(publicUrl, group.id)})${group.ticketId ? ` · [工单 ${ticketNumberOf(group.ticketId)}](${ticketUrl(publicUrl, group.ticketId)})` : ''}`,
    ]
      .filter(Boolean)
      .join('\n\n'),
  };
}

/** The DING that rings the primary on-call for a level-1 group (DingTalk takes a short plain text). */
export function pageDingContent(group: AlertGroupRow, { publicUrl }: { publicUrl: string }): string {
  const text = `【${levelNames[group.level as AlertLevel]}告警】${group.title}：${group.summary ?? group.levelReason}。请立即处理 ${alertGroupUrl(publicUrl, group.id)}`;
  return [...text].length > 500 ? `${[...text].slice(0, 499).join('')}…` : text;
}
