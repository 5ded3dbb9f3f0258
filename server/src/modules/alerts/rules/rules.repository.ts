import type { AlertRule } from '@dingops/shared/rules/alert-classify';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import { alertRules, alertSilences } from '../alerts.table';

/** Classification rules (stored in order) and silences. */
export function createRulesRepository({ db }: { db: Db }) {
  return {
    // --- rules ---
    async loadRules(): Promise<AlertRule[]> {
      const rows = await db.select().from(alertRules).orderBy(asc(alertRules.position));
      return rows.map((row) => row.rule);
    },
    async replaceRules(rules: AlertRule[], now: Date, tx: Executor) {
      await tx.delete(alertRules);
      if (rules.length > 0) await tx.insert(alertRules).values(rules.map((rule, position) => ({ position, rule, updatedAt: now })));
    },

    // --- silences ---
    async insertSilence(values: typeof alertSilences.$inferInsert, tx: Executor) {
      const [row] = await tx.insert(alertSilences).values(values).returning();
      if (!row) throw new Error('Silence insert returned no row');
      return row;
    },
    /** Silences still in force or yet to start, newest first. */
    listSilences: (now: Date) => db.select().from(alertSilences).where(gt(alertSilences.endsAt, now)).orderBy(desc(alertSilences.createdAt)).limit(500),
    async expireSilence(id: string, now: Date, tx: Executor) {
      const [row] = await tx.update(alertSilences).set({ endsAt: now }).where(and(eq(alertSilences.id, id), gt(alertSilences.endsAt, now))).returning();
      return row ?? null;
    },
  };
}

export type RulesRepository = ReturnType<typeof createRulesRepository>;
