import type { Locale } from '../../../lib/i18n';

/** When someone first logged in, as Beijing time (the company's clock wherever IT reads it). */
export function formatRegisteredAt(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en' : 'zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
