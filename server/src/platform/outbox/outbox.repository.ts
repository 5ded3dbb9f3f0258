import { and, asc, count, desc, eq, gt, inArray, lt, lte, min, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { nextSlot } from './outbox.rules';
import { type OutboxRow, outbox, robotSends, robotThrottles } from './outbox.table';

export interface NewEffect {
  kind: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  priority: number;
  rateKey: string | null;
  orderingKey: string | null;
  source: string | null;
}

/** Workers LISTEN here; each enqueue NOTIFYs, so a new effect goes out at once after its commit. */
export const outboxChannel = 'dingops_outbox';

/** Namespace for per-robot advisory locks (two-key form, so it cannot collide with single-key locks). */
const robotLockNamespace = 7241;

export function createOutboxRepository({ db }: { db: Db }) {
  return {
    /** Returns the row id, or null when an effect with this idempotency key already exists. */
    async insert(effect: NewEffect, now: Date, tx: Executor = db): Promise<bigint | null> {
      // The NOTIFY rides on the insert (one round trip) and reaches listening workers on any instance
      // when the transaction commits, not before; a duplicate that inserts nothing notifies nobody.
      const [row] = await tx
        .insert(outbox)
        .values({ ...effect, nextAttemptAt: now, createdAt: now })
        .onConflictDoNothing({ target: outbox.idempotencyKey })
        .returning({ id: outbox.id, notified: sql<string>`pg_notify(${outboxChannel}, '')::text` });
      return row?.id ?? null;
    },

    /**
     * Claims due effects, most urgent first, skipping rows other workers hold. An effect waits while an
     * earlier one with its ordering key is undelivered. A row whose lease ran out (its worker died
     * mid-delivery) is claimed again.
     */
    claimDue({ now, limit, leaseMs }: { now: Date; limit: number; leaseMs: number }): Promise<OutboxRow[]> {
      return db.transaction(async (tx) => {
        const due = await tx
          .select({ id: outbox.id })
          .from(outbox)
          .where(
            and(
              or(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)), and(eq(outbox.status, 'in_flight'), lt(outbox.lockedUntil, now))),
              sql`NOT EXISTS (SELECT 1 FROM outbox earlier WHERE earlier.ordering_key = ${outbox.orderingKey} AND earlier.id < ${outbox.id} AND earlier.status IN ('pending', 'in_flight'))`,
            ),
          )
          .orderBy(asc(outbox.priority), asc(outbox.nextAttemptAt), asc(outbox.id))
          .limit(limit)
          .for('update', { skipLocked: true });
        if (due.length === 0) return [];
        return tx
          .update(outbox)
          .set({ status: 'in_flight', attempts: sql`${outbox.attempts} + 1`, lockedUntil: new Date(now.getTime() + leaseMs) })
          .where(inArray(outbox.id, due.map((row) => row.id)))
          .returning();
      });
    },

    async markDelivered(id: bigint, result: Record<string, unknown>, now: Date, tx: Executor = db) {
      await tx.update(outbox).set({ status: 'delivered', result, deliveredAt: now, lockedUntil: null, lastError: null }).where(eq(outbox.id, id));
    },

    async markRetry(id: bigint, { at, error, refundAttempt }: { at: Date; error: string | null; refundAttempt?: boolean }) {
      await db
        .update(outbox)
        .set({ status: 'pending', nextAttemptAt: at, lockedUntil: null, ...(error ? { lastError: error } : {}), ...(refundAttempt ? { attempts: sql`${outbox.attempts} - 1` } : {}) })
        .where(eq(outbox.id, id));
    },

    async markDead(id: bigint, error: string, tx: Executor = db) {
      await tx.update(outbox).set({ status: 'dead', lastError: error, lockedUntil: null }).where(eq(outbox.id, id));
    },

    /**
     * Takes one send from a robot's budget if the window has room; otherwise says when it will.
     * Serialised per robot with an advisory lock so the limit holds across instances.
     */
    reserveRobotSlot({ rateKey, limit, windowMs, now, outboxId }: { rateKey: string; limit: number; windowMs: number; now: Date; outboxId: bigint }) {
      return db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${robotLockNamespace}, hashtext(${rateKey}))`);
        const [throttle] = await tx.select().from(robotThrottles).where(and(eq(robotThrottles.rateKey, rateKey), gt(robotThrottles.until, now)));
        if (throttle) return { ok: false as const, at: throttle.until };
        // Only the newest `limit` sends can decide: the budget is free unless all of them are in the window.
        const recent = await tx
          .select({ sentAt: robotSends.sentAt })
          .from(robotSends)
          .where(and(eq(robotSends.rateKey, rateKey), gt(robotSends.sentAt, new Date(now.getTime() - windowMs))))
          .orderBy(desc(robotSends.sentAt))
          .limit(limit);
        const slot = nextSlot({ sentAt: recent.map((row) => row.sentAt), limit, windowMs, now });
        if (slot.ok) await tx.insert(robotSends).values({ rateKey, sentAt: now, outboxId });
        return slot;
      });
    },

    async throttleRobot({ rateKey, until, reason }: { rateKey: string; until: Date; reason: string }) {
      await db.insert(robotThrottles).values({ rateKey, until, reason }).onConflictDoUpdate({ target: robotThrottles.rateKey, set: { until, reason } });
    },

    async pruneRobotSends(before: Date) {
      await db.delete(robotSends).where(lt(robotSends.sentAt, before));
    },


    async findById(id: bigint): Promise<OutboxRow | null> {
      const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
      return row ?? null;
    },

    listByStatus({ status, beforeId, limit }: { status: OutboxRow['status']; beforeId: bigint | null; limit: number }) {
      return db
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, status), beforeId === null ? undefined : lt(outbox.id, beforeId)))
        .orderBy(desc(outbox.id))
        .limit(limit);
    },

    /** Puts a dead letter back in the queue (admin retry), or discards it; only dead rows change. */
    async resolveDead({ id, action, now }: { id: bigint; action: 'retry' | 'discard'; now: Date }, tx: Executor = db): Promise<OutboxRow | null> {
      const set = action === 'retry' ? { status: 'pending' as const, attempts: 0, nextAttemptAt: now, lastError: null } : { status: 'discarded' as const };
      const [row] = await tx.update(outbox).set(set).where(and(eq(outbox.id, id), eq(outbox.status, 'dead'))).returning();
      return row ?? null;
    },

    /** Depth and age per status, for admins and /metrics. */
    async stats(now: Date) {
      const rows = await db.select({ status: outbox.status, n: count(), oldest: min(outbox.createdAt) }).from(outbox).groupBy(outbox.status);
      return rows.map((row) => ({ status: row.status, count: Number(row.n), oldestAgeSeconds: row.oldest ? Math.max(0, (now.getTime() - new Date(row.oldest).getTime()) / 1000) : 0 }));
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
