/** China keeps one time zone and no daylight saving: Beijing time is UTC+8 all year. */
export const beijingOffsetMinutes = 8 * 60;

/** "2026-11-28 16:00": a moment in Beijing time, as cards and messages show it to people in China. */
export function beijingTime(at: Date): string {
  return new Date(at.getTime() + beijingOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day in Beijing ("2026-11-28") as the ISO instants that bound it, for date filters: people
 * in China mean their own day, whatever time zone the browser or server runs in. Null for anything else.
 */
export function beijingDayBounds(date: string): { from: string; to: string } | null {
  // Date.parse rolls 2026-02-30 over into March: a real day reads back the same.
  if (!calendarDate.test(date) || new Date(Date.parse(`${date}T00:00:00Z`) || 0).toISOString().slice(0, 10) !== date) return null;
  return { from: `${date}T00:00:00+08:00`, to: `${date}T23:59:59.999+08:00` };
}
