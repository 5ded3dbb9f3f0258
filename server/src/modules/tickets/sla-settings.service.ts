import { defaultSlaSettings } from '@dingops/shared/rules/sla';
import { type SlaSettings, slaSettingsSchema } from '@dingops/shared/tickets';
import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import type { AuditContext, AuditService } from '../../platform/audit/audit.service';
import { slaSettings } from './tickets.table';

/** There is one settings row. */
const settingsRowId = 1;

/**
 * The business calendar and SLA targets (rule F4) from `sla_settings`, kept in memory and dropped on
 * each change. The cache is per process: another instance sees a change after it restarts.
 */
export function createSlaSettingsService({ db, audit, clock }: { db: Db; audit: AuditService; clock: () => Date }) {
  let cached: SlaSettings | null = null;

  async function load(executor: Executor): Promise<SlaSettings> {
    const [row] = await executor.select().from(slaSettings).where(eq(slaSettings.id, settingsRowId));
    const parsed = row ? slaSettingsSchema.safeParse(row.settings) : null;
    return parsed?.success ? parsed.data : defaultSlaSettings;
  }

  return {
    /** Inside a transaction pass it: a single-connection database (PGlite) would wait on itself. */
    async get(tx: Executor = db): Promise<SlaSettings> {
      cached ??= await load(tx);
      return cached;
    },

    async put({ settings, actorId, context }: { settings: SlaSettings; actorId: string; context: AuditContext }): Promise<SlaSettings> {
      const before = await this.get();
      await db.transaction(async (tx) => {
        const values = { id: settingsRowId, settings, updatedAt: clock(), updatedBy: actorId };
        await tx.insert(slaSettings).values(values).onConflictDoUpdate({ target: slaSettings.id, set: { settings, updatedAt: values.updatedAt, updatedBy: actorId } });
        await audit.record(context, { action: 'tickets.sla_settings_changed', target: { type: 'sla_settings', id: String(settingsRowId) }, summary: { before, after: settings } }, tx);
      });
      cached = settings;
      return settings;
    },
  };
}

export type SlaSettingsService = ReturnType<typeof createSlaSettingsService>;
