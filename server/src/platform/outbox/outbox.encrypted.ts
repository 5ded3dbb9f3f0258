import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { EncryptedColumn } from '../crypto/reencrypt';
import { outbox } from './outbox.table';

/**
 * A custom robot's webhook URL and signing secret travel encrypted in its outbox payloads
 * (`robotEncrypted`). After a key rotation they are rewritten like any encrypted column, so the old
 * key can be retired even while messages wait or sit as dead letters.
 */
export function outboxWebhookRobotsColumn(db: Db): EncryptedColumn {
  const stored = sql<string>`${outbox.payload}->>'robotEncrypted'`;
  return {
    name: 'outbox.payload.robotEncrypted',
    async listStale({ currentPrefix, afterId, limit }) {
      const rows = await db
        .select({ id: outbox.id, value: stored })
        .from(outbox)
        .where(and(sql`${stored} IS NOT NULL`, sql`${stored} NOT LIKE ${`${currentPrefix}:%`}`, afterId ? gt(outbox.id, BigInt(afterId)) : undefined))
        .orderBy(asc(outbox.id))
        .limit(limit);
      return rows.map((row) => ({ id: String(row.id), value: row.value }));
    },
    async rewrite(id, value) {
      // Only this field changes: a worker may be delivering the row, and the value it decrypted stays valid.
      await db
        .update(outbox)
        .set({ payload: sql`jsonb_set(${outbox.payload}, '{robotEncrypted}', to_jsonb(${value}::text))` })
        .where(eq(outbox.id, BigInt(id)));
    },
  };
}
