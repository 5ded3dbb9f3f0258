import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { CipherAlgorithm } from '../../../platform/crypto/field-cipher';
import { ticketAttachments } from './attachments.table';

/** The queries behind sealing old plain files and rewrapping data keys after a key rotation (rule S3). */
export function createAttachmentsRepository({ db }: { db: Db }) {
  return {
    /** Files stored before encryption, a few at a time (each may be 5 MB). */
    listPlain({ afterId, limit }: { afterId: bigint | null; limit: number }) {
      return db
        .select({ id: ticketAttachments.id, data: ticketAttachments.data })
        .from(ticketAttachments)
        .where(and(isNull(ticketAttachments.dataKey), afterId === null ? undefined : gt(ticketAttachments.id, afterId)))
        .orderBy(asc(ticketAttachments.id))
        .limit(limit);
    },

    /** Only while still plain: another instance sealing the same row at the same time wins once. */
    async sealPlain(id: bigint, sealed: { data: Buffer; dataKey: string; dataCipher: CipherAlgorithm }): Promise<boolean> {
      const rows = await db.update(ticketAttachments).set(sealed).where(and(eq(ticketAttachments.id, id), isNull(ticketAttachments.dataKey))).returning({ id: ticketAttachments.id });
      return rows.length > 0;
    },

    /** Data keys not wrapped under `currentPrefix` (an older key version or another algorithm). */
    async listStaleKeys({ currentPrefix, afterId, limit }: { currentPrefix: string; afterId: string | null; limit: number }) {
      const rows = await db
        .select({ id: ticketAttachments.id, value: ticketAttachments.dataKey })
        .from(ticketAttachments)
        .where(and(sql`${ticketAttachments.dataKey} NOT LIKE ${`${currentPrefix}:%`}`, afterId === null ? undefined : gt(ticketAttachments.id, BigInt(afterId))))
        .orderBy(asc(ticketAttachments.id))
        .limit(limit);
      return rows.map((row) => ({ id: String(row.id), value: row.value ?? '' }));
    },

    async findSealed(id: bigint) {
      const [row] = await db.select({ data: ticketAttachments.data, dataKey: ticketAttachments.dataKey, dataCipher: ticketAttachments.dataCipher }).from(ticketAttachments).where(eq(ticketAttachments.id, id));
      return row ?? null;
    },

    /** A new wrap of the same data key, and the bytes when they were resealed under another algorithm. */
    async rewrap(id: bigint, changes: { dataKey: string; data?: Buffer; dataCipher?: CipherAlgorithm }) {
      await db.update(ticketAttachments).set(changes).where(eq(ticketAttachments.id, id));
    },
  };
}

export type AttachmentsRepository = ReturnType<typeof createAttachmentsRepository>;
