import { asc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import { type AlertSourceRow, alertSources } from '../alerts.table';

/** Monitoring sources and the hashes of their tokens. */
export function createSourcesRepository({ db }: { db: Db }) {
  return {
    async insertSource(values: typeof alertSources.$inferInsert, tx: Executor): Promise<AlertSourceRow> {
      const [row] = await tx.insert(alertSources).values(values).returning();
      if (!row) throw new Error('Source insert returned no row');
      return row;
    },
    listSources: () => db.select().from(alertSources).orderBy(asc(alertSources.createdAt)),
    async findSourceByTokenHash(tokenHash: string): Promise<AlertSourceRow | null> {
      const [row] = await db.select().from(alertSources).where(eq(alertSources.tokenHash, tokenHash));
      return row ?? null;
    },
    async updateSource(id: string, patch: Partial<typeof alertSources.$inferInsert>, tx: Executor): Promise<AlertSourceRow | null> {
      const [row] = await tx.update(alertSources).set(patch).where(eq(alertSources.id, id)).returning();
      return row ?? null;
    },
  };
}

export type SourcesRepository = ReturnType<typeof createSourcesRepository>;
