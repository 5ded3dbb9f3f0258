import { and, asc, count, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { type InboxRow, inboxEvents } from './inbox.table';

export interface IncomingEvent {
  eventKey: string;
  transport: 'stream' | 'http';
  kind: 'event' | 'callback';
  topic: string;
  payload: Record<string, unknown>;
}

export function createInboxRepository({ db }: { db: Db }) {
  return {
    /** Stores the event unless its key is known; a known key only counts as a duplicate. */
    async record(event: IncomingEvent, now: Date): Promise<{ id: bigint; isNew: boolean }> {
      const [inserted] = await db
        .insert(inboxEvents)
        .values({ ...event, nextAttemptAt: now, receivedAt: now })
        .onConflictDoNothing({ target: inboxEvents.eventKey })
        .returning({ id: inboxEvents.id });
      if (inserted) return { id: inserted.id, isNew: true };
      const [existing] = await db
        .update(inboxEvents)
        .set({ duplicates: sql`${inboxEvents.duplicates} + 1` })
        .where(eq(inboxEvents.eventKey, event.eventKey))
        .returning({ id: inboxEvents.id });
      return { id: existing?.id ?? 0n, isNew: false };
    },

    claimDue({ now, limit, leaseMs }: { now: Date; limit: number; leaseMs: number }): Promise<InboxRow[]> {
      return db.transaction(async (tx) => {
        const due = await tx
          .select({ id: inboxEvents.id })
          .from(inboxEvents)
          .where(or(and(eq(inboxEvents.status, 'pending'), lte(inboxEvents.nextAttemptAt, now)), and(eq(inboxEvents.status, 'processing'), lt(inboxEvents.lockedUntil, now))))
          .orderBy(asc(inboxEvents.id))
          .limit(limit)
          .for('update', { skipLocked: true });
        if (due.length === 0) return [];
        return tx
          .update(inboxEvents)
          .set({ status: 'processing', attempts: sql`${inboxEvents.attempts} + 1`, lockedUntil: new Date(now.getTime() + leaseMs) })
          .where(inArray(inboxEvents.id, due.map((row) => row.id)))
          .returning();
      });
    },

    async markDone(id: bigint, status: 'processed' | 'ignored', now: Date, tx: Executor = db) {
      await tx.update(inboxEvents).set({ status, processedAt: now, lockedUntil: null, lastError: null }).where(eq(inboxEvents.id, id));
    },

    async markFailed(id: bigint, { retryAt, error }: { retryAt: Date | null; error: string }) {
      await db
        .update(inboxEvents)
        .set(retryAt ? { status: 'pending', nextAttemptAt: retryAt, lockedUntil: null, lastError: error } : { status: 'parked', lockedUntil: null, lastError: error })
        .where(eq(inboxEvents.id, id));
    },

    async requeueParked(id: bigint, now: Date): Promise<InboxRow | null> {
      const [row] = await db
        .update(inboxEvents)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
        .where(and(eq(inboxEvents.id, id), eq(inboxEvents.status, 'parked')))
        .returning();
      return row ?? null;
    },

    listByStatus({ status, beforeId, limit }: { status: InboxRow['status']; beforeId: bigint | null; limit: number }) {
      return db
        .select()
        .from(inboxEvents)
        .where(and(eq(inboxEvents.status, status), beforeId === null ? undefined : lt(inboxEvents.id, beforeId)))
        .orderBy(desc(inboxEvents.id))
        .limit(limit);
    },

    async findByKey(eventKey: string): Promise<InboxRow | null> {
      const [row] = await db.select().from(inboxEvents).where(eq(inboxEvents.eventKey, eventKey));
      return row ?? null;
    },

    async stats() {
      const rows = await db.select({ status: inboxEvents.status, n: count() }).from(inboxEvents).groupBy(inboxEvents.status);
      return rows.map((row) => ({ status: row.status, count: Number(row.n) }));
    },
  };
}

export type InboxRepository = ReturnType<typeof createInboxRepository>;
