import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import type { EncryptedColumn } from '../../../platform/crypto/reencrypt';
import { poolRobotNameTaken } from './robot-pool.errors';
import { type AlertChatRobotRow, alertChatRobots } from './robot-pool.table';

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505';

export function createRobotPoolRepository({ db }: { db: Db }) {
  return {
    list: (conversationId: string) => db.select().from(alertChatRobots).where(eq(alertChatRobots.conversationId, conversationId)).orderBy(asc(alertChatRobots.createdAt), asc(alertChatRobots.name)),

    /** The robots the outbox may use for a chat, oldest first (the order they are tried in). */
    listEnabled: (conversationId: string) =>
      db
        .select({ id: alertChatRobots.id, robotEncrypted: alertChatRobots.robotEncrypted })
        .from(alertChatRobots)
        .where(and(eq(alertChatRobots.conversationId, conversationId), eq(alertChatRobots.enabled, true)))
        .orderBy(asc(alertChatRobots.createdAt), asc(alertChatRobots.name)),

    /** Robots per chat that has a pool. */
    async countsByChat(): Promise<{ conversationId: string; robots: number; enabledRobots: number }[]> {
      const rows = await db
        .select({ conversationId: alertChatRobots.conversationId, robots: count(), enabledRobots: sql<number>`count(*) FILTER (WHERE ${alertChatRobots.enabled})` })
        .from(alertChatRobots)
        .groupBy(alertChatRobots.conversationId)
        .orderBy(asc(alertChatRobots.conversationId));
      return rows.map((row) => ({ conversationId: row.conversationId, robots: Number(row.robots), enabledRobots: Number(row.enabledRobots) }));
    },

    async countIn(conversationId: string, tx: Executor = db): Promise<number> {
      const [row] = await tx.select({ n: count() }).from(alertChatRobots).where(eq(alertChatRobots.conversationId, conversationId));
      return Number(row?.n ?? 0);
    },

    /** Null when `ignoreDuplicate` and the chat already has a robot of that name (the demo seed on restart). */
    async insert(values: typeof alertChatRobots.$inferInsert, { tx = db, ignoreDuplicate = false }: { tx?: Executor; ignoreDuplicate?: boolean } = {}): Promise<AlertChatRobotRow | null> {
      try {
        const insert = tx.insert(alertChatRobots).values(values);
        const [row] = await (ignoreDuplicate ? insert.onConflictDoNothing() : insert).returning();
        return row ?? null;
      } catch (error) {
        if (isUniqueViolation(error)) throw poolRobotNameTaken(values.name);
        throw error;
      }
    },

    async remove({ conversationId, id }: { conversationId: string; id: string }, tx: Executor): Promise<AlertChatRobotRow | null> {
      const [row] = await tx.delete(alertChatRobots).where(and(eq(alertChatRobots.conversationId, conversationId), eq(alertChatRobots.id, id))).returning();
      return row ?? null;
    },

    /** Rule S3 key rotation: the robots' URLs and secrets are rewritten under the current key like any encrypted column. */
    encryptedColumn(): EncryptedColumn {
      return {
        name: 'alert_chat_robots.robot_encrypted',
        async listStale({ currentPrefix, afterId, limit }) {
          const rows = await db
            .select({ id: alertChatRobots.id, value: alertChatRobots.robotEncrypted })
            .from(alertChatRobots)
            .where(and(sql`${alertChatRobots.robotEncrypted} NOT LIKE ${`${currentPrefix}:%`}`, afterId ? gt(alertChatRobots.id, afterId) : undefined))
            .orderBy(asc(alertChatRobots.id))
            .limit(limit);
          return rows;
        },
        async rewrite(id, value) {
          await db.update(alertChatRobots).set({ robotEncrypted: value }).where(eq(alertChatRobots.id, id));
        },
      };
    },
  };
}

export type RobotPoolRepository = ReturnType<typeof createRobotPoolRepository>;
