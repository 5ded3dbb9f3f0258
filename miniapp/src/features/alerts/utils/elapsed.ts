import { t } from '../../../lib/i18n';

const minuteMs = 60_000;

/** "5 分钟" / "2 小时 10 分钟" / "3 天": how long a group has been open, at a glance. */
export function formatElapsed(fromIso: string, until: Date = new Date()): string {
  const minutes = Math.max(0, Math.floor((until.getTime() - new Date(fromIso).getTime()) / minuteMs));
  if (minutes < 1) return t('alerts.elapsed.justNow');
  if (minutes < 60) return t('alerts.elapsed.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('alerts.elapsed.hours', { hours, minutes: minutes % 60 });
  return t('alerts.elapsed.days', { days: Math.floor(hours / 24) });
}

const timeFormat = new Intl.DateTimeFormat('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "11/28 16:05" in the device's time zone. */
export function shortTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}
