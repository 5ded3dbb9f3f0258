import { defaultSlaSettings } from '@dingops/shared/rules/sla';
import { type SlaSettings, slaSettingsSchema } from '@dingops/shared/tickets';
import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { slaSettings } from '../tickets.table';

/** There is one settings row. */
const settingsRowId = 1;

/** How long an instance trusts its copy: a change made on another instance shows within this. */
const cacheMs = 30_000;

/**
 * The business calendar and SLA targets (rule F4) from `sla_settings`, kept in memory briefly and
 * replaced on a change made here (DESIGN house rule 6: instances are identical, so none may keep a
 * copy for ever).
 */
export function createSlaSettingsService({ db, audit, clock }: { db: Db; audit: AuditService; clock: () => Date }) {
  let cached: { settings: SlaSettings; loadedAt: number } | null = null;

  async function load(executor: Executor): Promise<SlaSettings> {
    const [row] = await executor.select().from(slaSettings).where(eq(slaSettings.id, settingsRowId));
    const parsed = row ? slaSettingsSchema.safeParse(row.settings) : null;
    return parsed?.success ? parsed.data : defaultSlaSettings;
  }

  return {
    /** Inside a transaction pass it: a single-connection database (PGlite) would wait on itself. */
    async get(tx: Executor = db): Promise<SlaSettings> {
      if (!cached || Date.now() - cached.loadedAt > cacheMs) cached = { settings: await load(tx), loadedAt: Date.now() };
      return cached.settings;
    },

    async put({ settings, actorId, context }: { settings: SlaSettings; actorId: string; context: AuditContext }): Promise<SlaSettings> {
      const before = await this.get();
      await db.transaction(async (tx) => {
        const values = { id: settingsRowId, settings, updatedAt: clock(), updatedBy: actorId };
        await tx.insert(slaSettings).values(values).onConflictDoUpdate({ target: slaSettings.id, set: { settings, updatedAt: values.updatedAt, updatedBy: actorId } });
        await audit.record(context, { action: 'tickets.sla_settings_changed', target: { type: 'sla_settings', id: String(settingsRowId) }, summary: { before, after: settings } }, tx);
      });
      cached = { settings, loadedAt: Date.now() };
      return settings;
    },
  };
}

export type SlaSettingsService = ReturnType<typeof createSlaSettingsService>;
