import type { AlertTiming } from '@dingops/shared/alert-maintenance';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import { alertGroups, alertSettings } from '../alerts.table';

/** The alert_settings key the per-level timing is stored under. */
const timingKey = 'timing';

/** Per-level notification timing (alert_settings 'timing') and the groups a repeat reminder may be due for. */
export function createTimingRepository({ db }: { db: Db }) {
  return {
    async loadTiming(executor: Executor = db): Promise<{ value: Record<string, unknown>; updatedAt: Date; updatedBy: string | null } | null> {
      const [row] = await executor.select().from(alertSettings).where(eq(alertSettings.key, timingKey));
      return row ?? null;
    },
    async saveTiming({ timing, now, updatedBy }: { timing: AlertTiming; now: Date; updatedBy: string }, tx: Executor) {
      await tx
        .insert(alertSettings)
        .values({ key: timingKey, value: timing, updatedAt: now, updatedBy })
        .onConflictDoUpdate({ target: alertSettings.key, set: { value: timing, updatedAt: now, updatedBy } });
    },

    /**
     * Firing, unmuted groups whose card went out (level 3: whose digest did) and that have told nobody
     * for their level's repeat interval. The same "last told" rule as lastToldAt, in SQL.
     */
    repeatCandidates({ timing, now, limit }: { timing: AlertTiming; now: Date; limit: number }) {
      const told = sql`COALESCE(CASE WHEN ${alertGroups.lastNotifiedAt} >= ${alertGroups.openedAt} THEN ${alertGroups.lastNotifiedAt} END, ${alertGroups.cardUpdatedAt}, ${alertGroups.openedAt})`;
      const due: SQL[] = [];
      for (const [level, levelTiming] of [[1, timing.level1], [2, timing.level2], [3, timing.level3]] as const) {
        if (levelTiming.repeatIntervalMinutes === 0) continue;
        const before = new Date(now.getTime() - levelTiming.repeatIntervalMinutes * 60_000).toISOString();
        const announced = level === 3 ? sql`${alertGroups.digestedStatus} IS NOT NULL` : sql`${alertGroups.cardState} = 'sent'`;
        due.push(sql`(${alertGroups.level} = ${level} AND ${announced} AND ${told} <= ${before}::timestamptz)`);
      }
      if (due.length === 0) return Promise.resolve([]);
      return db
        .select({ id: alertGroups.id })
        .from(alertGroups)
        .where(and(eq(alertGroups.status, 'firing'), eq(alertGroups.suppressed, false), sql`(${sql.join(due, sql` OR `)})`))
        .orderBy(asc(alertGroups.id))
        .limit(limit);
    },
  };
}

export type TimingRepository = ReturnType<typeof createTimingRepository>;
