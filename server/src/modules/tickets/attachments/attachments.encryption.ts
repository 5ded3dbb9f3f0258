import type { Db } from '../../../db/client';
import type { CipherAlgorithm, FieldCipher } from '../../../platform/crypto/field-cipher';
import type { EncryptedColumn } from '../../../platform/crypto/reencrypt';
import { createAttachmentsRepository } from './attachments.repository';
import { createAttachmentVault } from './attachments.vault';

/** Files per batch: each may be 5 MB, so few at once. */
const plainBatch = 20;

/**
 * Keeping screenshots encrypted over time (rule S3): files stored before encryption are sealed after
 * start, and after a key rotation their data keys are rewrapped like any encrypted column (the bytes are
 * resealed only when the algorithm changed).
 */
export function ticketAttachmentsEncryption({ db, cipher, algorithm }: { db: Db; cipher: FieldCipher; algorithm: CipherAlgorithm }) {
  const repo = createAttachmentsRepository({ db });
  const vault = createAttachmentVault({ cipher, algorithm });

  const column: EncryptedColumn = {
    name: 'ticket_attachments.data_key',
    listStale: (input) => repo.listStaleKeys(input),
    async rewrite(id, dataKey) {
      const file = await repo.findSealed(BigInt(id));
      if (!file?.dataKey || !file.dataCipher) return;
      const sealed = { ...file, dataKey: file.dataKey, dataCipher: file.dataCipher };
      await repo.rewrap(BigInt(id), file.dataCipher === algorithm ? { dataKey } : { dataKey, data: vault.resealUnder(sealed, dataKey), dataCipher: algorithm });
    },
  };

  return {
    column,

    /** Seals every file still stored plain; returns how many this instance sealed. */
    async sealPlainFiles(): Promise<number> {
      let sealed = 0;
      for (let afterId: bigint | null = null; ; ) {
        const rows = await repo.listPlain({ afterId, limit: plainBatch });
        for (const row of rows) if (await repo.sealPlain(row.id, vault.seal(row.data))) sealed += 1;
        if (rows.length < plainBatch) return sealed;
        afterId = rows.at(-1)!.id;
      }
    },
  };
}
