import type { FieldCipher } from './field-cipher';

/** One encrypted column, described by how to find its stale values and how to write a new one. */
export interface EncryptedColumn {
  name: string;
  /** Rows whose value does not start with `currentPrefix`, ordered by id, after `afterId`. */
  listStale(input: { currentPrefix: string; afterId: string | null; limit: number }): Promise<{ id: string; value: string }[]>;
  rewrite(id: string, value: string): Promise<void>;
}

/** The `enc:<version>:<algorithm>` prefix every value written now carries. */
export function currentPrefixOf(cipher: FieldCipher): string {
  return cipher.encrypt('').split(':').slice(0, 3).join(':');
}

/**
 * After a key rotation (a new ENCRYPTION_KEYS version) or an algorithm change, rewrites stored values
 * in small batches so an old key can be retired. Safe on several instances at once: a value rewritten
 * twice is simply encrypted again.
 */
export async function reencryptColumn({ cipher, column, batchSize = 200 }: { cipher: FieldCipher; column: EncryptedColumn; batchSize?: number }): Promise<number> {
  const currentPrefix = currentPrefixOf(cipher);
  let rewritten = 0;
  let afterId: string | null = null;
  for (;;) {
    const rows = await column.listStale({ currentPrefix, afterId, limit: batchSize });
    for (const row of rows) {
      await column.rewrite(row.id, cipher.encrypt(cipher.decrypt(row.value)));
      rewritten += 1;
    }
    if (rows.length < batchSize) return rewritten;
    afterId = rows.at(-1)?.id ?? null;
  }
}
