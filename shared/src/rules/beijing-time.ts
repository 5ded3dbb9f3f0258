/** China keeps one time zone and no daylight saving: Beijing time is UTC+8 all year. */
export const beijingOffsetMinutes = 8 * 60;

/** "2026-11-28 16:00": a moment in Beijing time, as cards and messages show it to people in China. */
export function beijingTime(at: Date): string {
  return new Date(at.getTime() + beijingOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}
