import { levelNames, type AlertLevel } from '@dingops/shared/rules/alert-classify';
import { alertGroupUrl, durationText } from '../groups/group-cards';
import type { AlertGroupRow } from '../alerts.table';

/** The repeat reminder's group message: level 1 @s the on-call people, the other levels @ nobody. */
export function repeatReminderMessage(group: AlertGroupRow, { names, publicUrl, now }: { names: string[]; publicUrl: string; now: Date }) {
  const lasted = durationText(now.getTime() - group.openedAt.getTime());
  const who = names.length > 0 ? ` ${names.map((name) => `@${name}`).join(' ')}` : '';
  return {
    title: `仍未处理：${group.title}`,
    text: `### 仍未处理：${group.title}，已持续 ${lasted}\n\n${levelNames[group.level as AlertLevel]}告警 · ${group.firingCount} 条触发中，尚无人认领。${who}\n\n[在应用中打开](${alertGroupUrl(publicUrl, group.id)})`,
  };
}
