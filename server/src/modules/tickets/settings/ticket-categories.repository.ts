import { asc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import { type TicketCategoryRow, ticketCategories } from '../tickets.table';

export function createTicketCategoriesRepository({ db }: { db: Db }) {
  return {
    list(tx: Executor = db): Promise<TicketCategoryRow[]> {
      return tx.select().from(ticketCategories).orderBy(asc(ticketCategories.sortOrder), asc(ticketCategories.code));
    },

    async find(code: string, tx: Executor = db): Promise<TicketCategoryRow | null> {
      const [row] = await tx.select().from(ticketCategories).where(eq(ticketCategories.code, code));
      return row ?? null;
    },

    async upsert(row: TicketCategoryRow, tx: Executor): Promise<TicketCategoryRow> {
      const { code: _code, ...changes } = row;
      const [saved] = await tx.insert(ticketCategories).values(row).onConflictDoUpdate({ target: ticketCategories.code, set: changes }).returning();
      if (!saved) throw new Error('Category upsert returned no row');
      return saved;
    },

    /** Seeds only missing codes, so two instances starting together do not collide. */
    async insertMissing(rows: TicketCategoryRow[], tx: Executor = db) {
      if (rows.length > 0) await tx.insert(ticketCategories).values(rows).onConflictDoNothing();
    },
  };
}

export type TicketCategoriesRepository = ReturnType<typeof createTicketCategoriesRepository>;
