import { t, type Locale } from '../../../lib/i18n';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;
const formats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: Locale, withYear: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${withYear}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'en' ? 'en' : 'zh-CN', {
      year: withYear ? 'numeric' : undefined,
      month: locale === 'en' ? 'short' : 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(key, format);
  }
  return format;
}

/** "5月12日 14:30" in the device's time zone; the year only when it is not this year. */
export function formatDateTime(iso: string, locale: Locale, now: Date = new Date()): string {
  const date = new Date(iso);
  return dateTimeFormat(locale, date.getFullYear() !== now.getFullYear()).format(date);
}

/** "刚刚", "5分钟前", "3小时前", then the date: list rows say how long ago at a glance. */
export function formatRelativeTime(iso: string, locale: Locale, now: Date = new Date()): string {
  const elapsed = now.getTime() - new Date(iso).getTime();
  if (elapsed < minuteMs) return t('time.justNow');
  if (elapsed >= dayMs) return formatDateTime(iso, locale, now);
  const relative = new Intl.RelativeTimeFormat(locale === 'en' ? 'en' : 'zh-CN', { numeric: 'auto' });
  return elapsed < hourMs ? relative.format(-Math.floor(elapsed / minuteMs), 'minute') : relative.format(-Math.floor(elapsed / hourMs), 'hour');
}
