import type { Locale } from '../../../lib/i18n';

const dayMs = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${withTime}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale === 'en' ? 'en' : 'zh-CN', {
      year: 'numeric',
      month: locale === 'en' ? 'short' : 'long',
      day: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    formats.set(key, found);
  }
  return found;
}

/** "2026年12月28日" in the device's time zone: end dates are days, not minutes. */
export function formatDate(iso: string, locale: Locale): string {
  return format(locale, false).format(new Date(iso));
}

/** "2026年12月28日 14:30": when something happened. */
export function formatDateTime(iso: string, locale: Locale): string {
  return format(locale, true).format(new Date(iso));
}

/** Whole days from now until `iso`, rounded up; 0 or less once it has passed. */
export function daysUntil(iso: string, now: Date = new Date()): number {
  return Math.ceil((new Date(iso).getTime() - now.getTime()) / dayMs);
}

/** A date input's value (YYYY-MM-DD, local) for a moment. */
export function toDateInput(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The start of a local day (a date input's value) as an ISO instant; null when empty or invalid. */
export function fromDateInput(value: string, { endOfDay = false } = {}): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (endOfDay ? 1 : 0));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
