import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, hashToken, openBytes, parseKeyring, sealBytes } from './field-cipher';

const keyV1 = randomBytes(32).toString('base64');
const keyV2 = randomBytes(32).toString('base64');

describe('field cipher (rule S3)', () => {
  for (const algorithm of ['aes-256-gcm', 'sm4-cbc-hmac-sm3'] as const) {
    it(`S3: ${algorithm} round-trips Chinese text and never stores it readable`, () => {
      const cipher = createFieldCipher({ keyring: parseKeyring(`v1:${keyV1}`), algorithm });
      const stored = cipher.encrypt('13800000001 王磊');
      expect(stored).toMatch(/^enc:1:/);
      expect(stored).not.toContain('13800000001');
      expect(cipher.decrypt(stored)).toBe('13800000001 王磊');
      expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
    });

    it(`S3: ${algorithm} seals bytes under a data key: round-trips, hides them, refuses another key or a flipped bit`, () => {
      const key = randomBytes(32);
      const plain = Buffer.concat([Buffer.from('89504e47', 'hex'), randomBytes(1000)]);
      const sealed = sealBytes({ key, algorithm, plain });
      expect(sealed.includes(plain.subarray(0, 16))).toBe(false);
      expect(openBytes({ key, algorithm, sealed }).equals(plain)).toBe(true);
      expect(() => openBytes({ key: randomBytes(32), algorithm, sealed })).toThrow();
      const flipped = Buffer.from(sealed);
      flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
      expect(() => openBytes({ key, algorithm, sealed: flipped })).toThrow();
    });

    it(`S3: ${algorithm} refuses a tampered value`, () => {
      const cipher = createFieldCipher({ keyring: parseKeyring(`v1:${keyV1}`), algorithm });
      const stored = cipher.encrypt('secret');
      const [prefix, version, id, body] = stored.split(':');
      const bytes = Buffer.from(body ?? '', 'base64');
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
      expect(() => cipher.decrypt([prefix, version, id, bytes.toString('base64')].join(':'))).toThrow();
    });
  }

  it('S3: after a rotation old values stay readable and are flagged for re-encryption', () => {
    const before = createFieldCipher({ keyring: parseKeyring(`v1:${keyV1}`), algorithm: 'aes-256-gcm' });
    const after = createFieldCipher({ keyring: parseKeyring(`v1:${keyV1},v2:${keyV2}`), algorithm: 'sm4-cbc-hmac-sm3' });
    const old = before.encrypt('mobile');
    expect(after.decrypt(old)).toBe('mobile');
    expect(after.needsReencryption(old)).toBe(true);
    expect(after.needsReencryption(after.encrypt('mobile'))).toBe(false);
  });

  it('a keyring entry that is not 32 bytes is refused with the variable named', () => {
    expect(() => parseKeyring('v1:c2hvcnQ=')).toThrow(/ENCRYPTION_KEYS/);
  });

  it('tokens are hashed with SHA-256 or SM3', () => {
    expect(hashToken('abc')).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hashToken('abc', 'sm4-cbc-hmac-sm3')).toMatch(/^sm3:[0-9a-f]{64}$/);
  });
});
