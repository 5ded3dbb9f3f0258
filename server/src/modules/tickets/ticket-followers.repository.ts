import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { type TicketFollowerRow, ticketFollowers } from './tickets.table';

/** People following a ticket they did not report: 同样问题, or a merged duplicate of theirs. */
export function createTicketFollowersRepository({ db }: { db: Db }) {
  return {
    /** True when the person was not following yet (so counts go up once). */
    async addFollower(values: TicketFollowerRow, tx: Executor): Promise<boolean> {
      const inserted = await tx.insert(ticketFollowers).values(values).onConflictDoNothing().returning({ userId: ticketFollowers.userId });
      return inserted.length > 0;
    },

    /** Only a 同样问题 can be withdrawn; people merged in stay. True when one was removed. */
    async removeMeToo(ticketId: bigint, userId: string, tx: Executor): Promise<boolean> {
      const removed = await tx
        .delete(ticketFollowers)
        .where(and(eq(ticketFollowers.ticketId, ticketId), eq(ticketFollowers.userId, userId), eq(ticketFollowers.reason, 'me_too')))
        .returning({ userId: ticketFollowers.userId });
      return removed.length > 0;
    },

    followers(ticketId: bigint, tx: Executor = db): Promise<TicketFollowerRow[]> {
      return tx.select().from(ticketFollowers).where(eq(ticketFollowers.ticketId, ticketId)).orderBy(asc(ticketFollowers.createdAt));
    },

    async isFollower(ticketId: bigint, userId: string, tx: Executor = db): Promise<boolean> {
      const [row] = await tx.select({ userId: ticketFollowers.userId }).from(ticketFollowers).where(and(eq(ticketFollowers.ticketId, ticketId), eq(ticketFollowers.userId, userId)));
      return Boolean(row);
    },

    /** Of these tickets, the ones the person follows (for `affectedMe` on a page). */
    async followedAmong(userId: string, ticketIds: bigint[]): Promise<Set<bigint>> {
      if (ticketIds.length === 0) return new Set();
      const rows = await db.select({ id: ticketFollowers.ticketId }).from(ticketFollowers).where(and(eq(ticketFollowers.userId, userId), inArray(ticketFollowers.ticketId, ticketIds)));
      return new Set(rows.map((row) => row.id));
    },
  };
}
