import type { CalendarDay } from './sla-draft';

/**
 * A SUGGESTION, not the official schedule: the statutory days off (法定节假日) of 2027 as the
 * national holiday rules (全国年节及纪念日放假办法, 2024 revision) define them, placed on 2027's
 * calendar (lunar dates from the Chinese calendar, 清明 from the sun's longitude; not copied from
 * a notice). The State Council's yearly notice (国务院办公厅关于2027年部分节假日安排的通知) adds
 * bridge days and weekend make-up workdays (调休): every date here MUST be checked against that
 * notice, and the bridge days and 调休 added by hand, before saving. The page says so first.
 */
export const chinaStatutoryHolidays2027: readonly CalendarDay[] = [
  { date: '2027-01-01', name: '元旦' },
  { date: '2027-02-06', name: '春节（除夕）' },
  { date: '2027-02-07', name: '春节' },
  { date: '2027-02-08', name: '春节' },
  { date: '2027-02-09', name: '春节' },
  { date: '2027-04-05', name: '清明节' },
  { date: '2027-05-01', name: '劳动节' },
  { date: '2027-05-02', name: '劳动节' },
  { date: '2027-06-09', name: '端午节' },
  { date: '2027-09-15', name: '中秋节' },
  { date: '2027-10-01', name: '国庆节' },
  { date: '2027-10-02', name: '国庆节' },
  { date: '2027-10-03', name: '国庆节' },
];
