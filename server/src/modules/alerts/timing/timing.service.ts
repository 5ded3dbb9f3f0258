import { type AlertTiming, type AlertTimingSettings, alertTimingSchema } from '@dingops/shared/alert-maintenance';
import { defaultAlertTiming } from '@dingops/shared/rules/alert-timing';
import type { User } from '@dingops/shared/users';
import type { Db, Executor } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import type { TimingRepository } from './timing.repository';
import { cachedValue } from '../alerts.shared';

/**
 * Group wait / group interval / repeat interval per level (通知节奏), edited by IT admins. Each
 * instance keeps its copy for `cacheMs` (DESIGN house rule 6: a change made on another instance
 * shows within that); before the first change, the defaults follow ALERTS_GROUP_WAIT_SECONDS and
 * ALERTS_GROUP_INTERVAL_SECONDS.
 */
export function createTimingService({ db, repo, audit, clock, defaults, cacheMs }: { db: Db; repo: TimingRepository; audit: AuditService; clock: () => Date; defaults: { groupWaitSeconds: number; groupIntervalSeconds: number }; cacheMs: number }) {
  const fallback = defaultAlertTiming(defaults);
  const cached = cachedValue((executor: Executor) => load(executor), cacheMs, clock);

  async function load(executor: Executor): Promise<AlertTimingSettings> {
    const row = await repo.loadTiming(executor);
    const parsed = row ? alertTimingSchema.safeParse(row.value) : null;
    if (!row || !parsed?.success) return { ...fallback, updatedAt: null, updatedBy: null };
    return { ...parsed.data, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy };
  }

  /** Inside a transaction pass it: a single-connection database (PGlite) would wait on itself. */
  function settings(executor: Executor = db): Promise<AlertTimingSettings> {
    return cached.get(executor);
  }

  return {
    settings,
    /** The timing the pipeline uses. */
    async get(executor: Executor = db): Promise<AlertTiming> {
      const { level1, level2, level3 } = await settings(executor);
      return { level1, level2, level3 };
    },

    async put({ body, actor, context }: { body: AlertTiming; actor: User; context: AuditContext }): Promise<AlertTimingSettings> {
      const before = await this.get();
      const now = clock();
      await db.transaction(async (tx) => {
        await repo.saveTiming({ timing: body, now, updatedBy: actor.name }, tx);
        await audit.record(context, { action: 'alerts.timing_updated', target: { type: 'alert_settings', id: 'timing' }, summary: { before, after: body } }, tx);
      });
      const saved: AlertTimingSettings = { ...body, updatedAt: now.toISOString(), updatedBy: actor.name };
      cached.set(saved);
      return saved;
    },
  };
}

export type TimingService = ReturnType<typeof createTimingService>;
