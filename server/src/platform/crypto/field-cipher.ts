import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Encrypts sensitive columns at rest (rule S3). Stored form: `enc:<keyVersion>:<algorithm>:<base64>`,
 * so old rows stay readable after a key rotation or an algorithm change and can be re-encrypted later.
 * SM4 (GB/T 32907) with HMAC-SM3 (GB/T 32905) is offered because the rules ask for nationally approved
 * algorithms; both are in Node's OpenSSL.
 */
export type CipherAlgorithm = 'aes-256-gcm' | 'sm4-cbc-hmac-sm3';

export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** True when the value was written with an older key or another algorithm. */
  needsReencryption(stored: string): boolean;
  currentKeyVersion: number;
}

const algorithmIds: Record<CipherAlgorithm, string> = { 'aes-256-gcm': 'a1', 'sm4-cbc-hmac-sm3': 's1' };

export function parseKeyring(spec: string): Map<number, Buffer> {
  const keyring = new Map<number, Buffer>();
  for (const entry of spec.split(',').map((item) => item.trim()).filter(Boolean)) {
    const match = /^v(\d+):(.+)$/.exec(entry);
    if (!match) throw new Error(`ENCRYPTION_KEYS: entry "${entry.slice(0, 4)}…" must look like v1:<base64>`);
    const key = Buffer.from(match[2] ?? '', 'base64');
    if (key.length !== 32) throw new Error(`ENCRYPTION_KEYS: key v${match[1]} must be 32 bytes (base64 of 32 random bytes)`);
    keyring.set(Number(match[1]), key);
  }
  if (keyring.size === 0) throw new Error('ENCRYPTION_KEYS: no keys given');
  return keyring;
}

export function createFieldCipher({ keyring, algorithm }: { keyring: Map<number, Buffer>; algorithm: CipherAlgorithm }): FieldCipher {
  const currentKeyVersion = Math.max(...keyring.keys());
  const keyFor = (version: number) => {
    const key = keyring.get(version);
    if (!key) throw new Error(`No encryption key v${version} in ENCRYPTION_KEYS`);
    return key;
  };
  return {
    currentKeyVersion,
    encrypt(plain) {
      const payload = sealBytes({ key: keyFor(currentKeyVersion), algorithm, plain: Buffer.from(plain, 'utf8') });
      return `enc:${currentKeyVersion}:${algorithmIds[algorithm]}:${payload.toString('base64')}`;
    },
    decrypt(stored) {
      const { version, algorithmId, payload } = parseStored(stored);
      const used = (Object.keys(algorithmIds) as CipherAlgorithm[]).find((name) => algorithmIds[name] === algorithmId);
      if (!used) throw new Error(`Unknown cipher id ${algorithmId}`);
      return openBytes({ key: keyFor(version), algorithm: used, sealed: payload }).toString('utf8');
    },
    needsReencryption(stored) {
      const { version, algorithmId } = parseStored(stored);
      return version !== currentKeyVersion || algorithmId !== algorithmIds[algorithm];
    },
  };
}

function parseStored(stored: string) {
  const [prefix, version, algorithmId, body] = stored.split(':');
  if (prefix !== 'enc' || !version || !algorithmId || body === undefined) throw new Error('Value is not an encrypted field');
  return { version: Number(version), algorithmId, payload: Buffer.from(body, 'base64') };
}

/**
 * Seals bytes under a raw 32-byte key with the chosen algorithm (authenticated either way). For large
 * values such as files: each gets its own random data key, and only that key goes through `encrypt`, so
 * a key rotation rewrites a few bytes per file instead of the file.
 */
export function sealBytes({ key, algorithm, plain }: { key: Buffer; algorithm: CipherAlgorithm; plain: Buffer }): Buffer {
  return algorithm === 'aes-256-gcm' ? sealAesGcm(key, plain) : sealSm4(key, plain);
}

/** Opens what `sealBytes` sealed; throws when the bytes were altered or the key is wrong. */
export function openBytes({ key, algorithm, sealed }: { key: Buffer; algorithm: CipherAlgorithm; sealed: Buffer }): Buffer {
  return algorithm === 'aes-256-gcm' ? openAesGcm(key, sealed) : openSm4(key, sealed);
}

function sealAesGcm(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function openAesGcm(key: Buffer, payload: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, payload.subarray(0, 12));
  decipher.setAuthTag(payload.subarray(12, 28));
  return Buffer.concat([decipher.update(payload.subarray(28)), decipher.final()]);
}

/** SM4 takes a 128-bit key: split the 32-byte data key into an SM4 key and an HMAC-SM3 key. */
function sm4Keys(key: Buffer) {
  return { encKey: createHmac('sm3', key).update('dingops/sm4/enc').digest().subarray(0, 16), macKey: createHmac('sm3', key).update('dingops/sm4/mac').digest() };
}

function sealSm4(key: Buffer, plain: Buffer): Buffer {
  const { encKey, macKey } = sm4Keys(key);
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', encKey, iv);
  const body = Buffer.concat([iv, cipher.update(plain), cipher.final()]);
  return Buffer.concat([createHmac('sm3', macKey).update(body).digest(), body]);
}

function openSm4(key: Buffer, payload: Buffer): Buffer {
  const { encKey, macKey } = sm4Keys(key);
  const mac = payload.subarray(0, 32);
  const body = payload.subarray(32);
  if (!timingSafeEqual(mac, createHmac('sm3', macKey).update(body).digest())) throw new Error('Encrypted field failed its integrity check');
  const decipher = createDecipheriv('sm4-cbc', encKey, body.subarray(0, 16));
  return Buffer.concat([decipher.update(body.subarray(16)), decipher.final()]);
}

/** Secrets we only compare (integration tokens) are stored as hashes, never in a form that can be read back. */
export function hashToken(token: string, algorithm: CipherAlgorithm = 'aes-256-gcm'): string {
  const hash = algorithm === 'sm4-cbc-hmac-sm3' ? 'sm3' : 'sha256';
  return `${hash}:${createHash(hash).update(token).digest('hex')}`;
}
