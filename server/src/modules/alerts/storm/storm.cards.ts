import { levelNames, type AlertLevel } from '@dingops/shared/rules/alert-classify';
import { beijingTime } from '@dingops/shared/rules/beijing-time';
import { encodeCardButtons, encodeCardFields } from '../../../dingtalk/cards-convention';
import { fitList, jsonBytes, maxRobotBodyBytes } from '../../../dingtalk/message-size';
import { alertGroupUrl, alertListUrl } from '../groups/group-cards';
import type { StormSummary } from './storm.repository';

/** The storm summary card (告警风暴汇总): pure, so what DingTalk shows is unit-tested. */


export function stormCardParams(summary: StormSummary, { startedAt, now, publicUrl, shown = summary.top.length }: { startedAt: Date; now: Date; publicUrl: string; shown?: number }): Record<string, string> {
  const total = summary.counts.reduce((sum, row) => sum + row.groups, 0);
  const resolved = summary.counts.filter((row) => row.resolved).reduce((sum, row) => sum + row.groups, 0);
  const levels = [...new Set(summary.counts.map((row) => row.level))].sort();
  const byLevel = levels.map((level) => {
    const of = (isResolved: boolean) => summary.counts.find((row) => row.level === level && row.resolved === isResolved)?.groups ?? 0;
    return { label: levelNames[level as AlertLevel] ?? `${level}`, value: `触发中 ${of(false)} 组 · 已恢复 ${of(true)} 组` };
  });
  const listed = summary.top.slice(0, shown);
  const hidden = summary.top.length - listed.length + Math.max(0, total - resolved - summary.top.length);
  const sections = [
    `告警过多，为免刷屏，以下 **${total}** 组未单独发卡片，已合并到本卡片。`,
    listed.length > 0 ? `**触发最多的告警组**\n${listed.map((group) => `- [${group.title}](${alertGroupUrl(publicUrl, group.id)}) · ${group.firingCount} 条触发中`).join('\n')}` : '',
    hidden > 0 ? `另有 ${hidden} 组仍在触发` : '',
    `[在应用中查看全部告警](${alertListUrl(publicUrl)})`,
  ].filter(Boolean);
  return {
    title: `告警风暴：已合并 ${total} 组告警`,
    markdown: sections.join('\n\n'),
    status: resolved === total ? `全部已恢复（${total} 组）` : `${total - resolved} 组触发中`,
    statusColor: resolved === total ? 'green' : 'orange',
    level: String(levels[0] ?? 2),
    fields: encodeCardFields([...byLevel, { label: '开始时间', value: beijingTime(startedAt) }, { label: '更新时间', value: beijingTime(now) }]),
    buttons: encodeCardButtons([{ id: 'open', text: '查看告警列表', style: 'primary', params: { url: alertListUrl(publicUrl) } }]),
    footer: '由 DingOps 发送',
  };
}

/** As many top groups as DingTalk's size limit allows; the rest are counted. */
export function fittedStormCard(summary: StormSummary, input: { startedAt: Date; now: Date; publicUrl: string }): Record<string, string> {
  return fitList({
    items: summary.top,
    render: (shown) => stormCardParams(summary, { ...input, shown: shown.length }),
    fits: (params) => jsonBytes(params) <= maxRobotBodyBytes,
  });
}
