import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { type ChainedFields, chainHash, genesisHash } from './audit.chain';
import { type AuditRow, auditLog } from './audit.table';

/** Serialises appends so every row sees the true previous hash, across instances too. */
const auditChainLockKey = 72_410_002;

export function createAuditRepository({ db }: { db: Db }) {
  async function appendInTransaction(tx: Executor, fields: ChainedFields): Promise<AuditRow> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${auditChainLockKey})`);
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const prevHash = last?.hash ?? genesisHash;
    const [row] = await tx
      .insert(auditLog)
      .values({ ...fields, prevHash, hash: chainHash(prevHash, fields) })
      .returning();
    if (!row) throw new Error('Audit insert returned no row');
    return row;
  }

  return {
    /** Appends inside the caller's transaction when given one, so the change and its audit row commit together. */
    append(fields: ChainedFields, tx?: Executor): Promise<AuditRow> {
      if (tx) return appendInTransaction(tx, fields);
      return db.transaction((own) => appendInTransaction(own, fields));
    },

    /** Oldest first, in batches, for the chain walk. */
    readBatch({ afterId, size }: { afterId: bigint | null; size: number }): Promise<AuditRow[]> {
      return db
        .select()
        .from(auditLog)
        .where(afterId === null ? undefined : gt(auditLog.id, afterId))
        .orderBy(asc(auditLog.id))
        .limit(size);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
