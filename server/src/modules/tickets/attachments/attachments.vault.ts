import { randomBytes } from 'node:crypto';
import { type CipherAlgorithm, type FieldCipher, openBytes, sealBytes } from '../../../platform/crypto/field-cipher';

/** How a file is kept: its bytes, and (once sealed) its wrapped data key and the algorithm of the seal. */
export interface StoredFile {
  data: Buffer;
  dataKey: string | null;
  dataCipher: CipherAlgorithm | null;
}

/**
 * Screenshots encrypted at rest (rule S3) with the same versioned keys and algorithm as every other
 * sensitive column: each file gets a random data key that seals its bytes, and only that key is stored
 * through the field cipher. A key rotation then rewrites a few dozen bytes per file, not the file.
 */
export function createAttachmentVault({ cipher, algorithm }: { cipher: FieldCipher; algorithm: CipherAlgorithm }) {
  const unwrap = (dataKey: string) => Buffer.from(cipher.decrypt(dataKey), 'base64');

  return {
    algorithm,

    seal(plain: Buffer): StoredFile & { dataKey: string; dataCipher: CipherAlgorithm } {
      const key = randomBytes(32);
      return { data: sealBytes({ key, algorithm, plain }), dataKey: cipher.encrypt(key.toString('base64')), dataCipher: algorithm };
    },

    /** The file's bytes; rows written before encryption are still plain until the start-up pass seals them. */
    open(file: StoredFile): Buffer {
      if (file.dataKey === null || file.dataCipher === null) return file.data;
      return openBytes({ key: unwrap(file.dataKey), algorithm: file.dataCipher, sealed: file.data });
    },

    /** The same data key, sealing the bytes with the current algorithm (after a switch from AES to SM4, say). */
    resealUnder(file: StoredFile & { dataKey: string; dataCipher: CipherAlgorithm }, newDataKey: string): Buffer {
      const key = unwrap(newDataKey);
      return sealBytes({ key, algorithm, plain: openBytes({ key, algorithm: file.dataCipher, sealed: file.data }) });
    },
  };
}

export type AttachmentVault = ReturnType<typeof createAttachmentVault>;
