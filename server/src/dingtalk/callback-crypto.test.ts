import { describe, expect, it } from 'vitest';
import { CallbackCryptoError, createCallbackCrypto } from './callback-crypto';

// Vectors A and B are DingTalk's own (legacy FAQ page and DingCallbackCrypto3.py); C is ours,
// checked with OpenSSL.
const vectorA = {
  settings: { token: '123456', aesKey: '4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij', ownerKey: 'suite4xxxxxxxxxxxxxxx' },
  signature: '5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0',
  timestamp: '1445827045067',
  nonce: 'nEXhMP4r',
  encrypt:
    '1a3NBxmCFwkCJvfoQ7WhJHB+iX3qHPsc9JbaDznE1i03peOk1LaOQoRz3+nlyGNhwmwJ3vDMG+OzrHMeiZI7gTRWVdUBmfxjZ8Ej23JVYa9VrYeJ5as7XM/ZpulX8NEQis44w53h1qAgnC3PRzM7Zc/D6Ibr0rgUathB6zRHP8PYrfgnNOS9PhSBdHlegK+AGGanfwjXuQ9+0pZcy0w9lQ==',
  plain: '{"EventType":"check_create_suite_url","Random":"LPIdSnlF","TestSuiteKey":"suite4xxxxxxxxxxxxxxx"}',
  random16: 'hU3bEfGZZewzhG5a',
};

const vectorB = {
  settings: { token: 'mryue', aesKey: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7', ownerKey: 'ding6ccabc44d2c8d38b' },
  signature: '03044561471240d4a14bb09372dfcfd4fd0e40cb',
  timestamp: '1608001896814',
  nonce: 'WL4PK6yA',
  encrypt: '0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3',
  plain: '{"EventType":"check_url"}',
  random16: 'l7Y3EcX2CU5w8av3',
};

const vectorC = {
  encrypt: 'GIQAUIiE4b1zZDcx5Z0QJnTA0sYRn4Bh0gspMCpSzMOLMWSUoyYSRsggXuoDGEvgPqzw7tHd4M0CdiQiaPQb8Q==',
  signature: 'a2de205286e9ef854af4de7e86f59f4a399bc5dd',
};

function reasonOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (error instanceof CallbackCryptoError) return error.reason;
    throw error;
  }
  throw new Error('expected a CallbackCryptoError');
}

describe('callback crypto', () => {
  for (const [name, vector] of [
    ['A', vectorA],
    ['B', vectorB],
  ] as const) {
    it(`official vector ${name} verifies and decrypts to the documented message`, () => {
      const crypto = createCallbackCrypto(vector.settings);

      expect(crypto.sign({ timestamp: vector.timestamp, nonce: vector.nonce, encrypt: vector.encrypt })).toBe(vector.signature);
      expect(crypto.decrypt(vector)).toBe(vector.plain);
    });

    it(`official vector ${name} is reproduced byte for byte from its random prefix`, () => {
      const crypto = createCallbackCrypto(vector.settings);

      expect(crypto.encrypt(vector.plain, { random16: vector.random16 })).toBe(vector.encrypt);
    });
  }

  it('computed vector C: the success reply is sealed exactly as documented', () => {
    const crypto = createCallbackCrypto(vectorA.settings);

    const reply = crypto.replySuccess({ timestamp: '1445827045067', nonce: 'nEXhMP4r', random16: 'aaaaaaaaaaaaaaaa' });

    expect(reply).toEqual({ msg_signature: vectorC.signature, timeStamp: '1445827045067', nonce: 'nEXhMP4r', encrypt: vectorC.encrypt });
    expect(crypto.decrypt({ encrypt: reply.encrypt, signature: reply.msg_signature, timestamp: reply.timeStamp, nonce: reply.nonce })).toBe('success');
  });

  it('a message with Chinese text and a random prefix survives a round trip', () => {
    const crypto = createCallbackCrypto(vectorB.settings);
    const message = JSON.stringify({ EventType: 'user_add_org', UserId: ['yq-新人'], TimeStamp: '1700000000000' });

    const sealed = crypto.seal(message);

    expect(crypto.decrypt({ encrypt: sealed.encrypt, signature: sealed.msg_signature, timestamp: sealed.timeStamp, nonce: sealed.nonce })).toBe(message);
  });

  it('a wrong signature is refused before anything is decrypted', () => {
    const crypto = createCallbackCrypto(vectorA.settings);

    expect(reasonOf(() => crypto.decrypt({ ...vectorA, signature: '0'.repeat(40) }))).toBe('bad_signature');
    expect(reasonOf(() => crypto.decrypt({ ...vectorA, nonce: 'tampered' }))).toBe('bad_signature');
  });

  it('an upper-case hex signature is accepted', () => {
    const crypto = createCallbackCrypto(vectorA.settings);

    expect(crypto.decrypt({ ...vectorA, signature: vectorA.signature.toUpperCase() })).toBe(vectorA.plain);
  });

  it('a payload for another app is refused as an owner mismatch', () => {
    const crypto = createCallbackCrypto({ ...vectorA.settings, ownerKey: 'dingsomeotherapp' });

    expect(reasonOf(() => crypto.decrypt(vectorA))).toBe('owner_mismatch');
  });

  it('a payload encrypted with another key is refused as bad padding', () => {
    const other = createCallbackCrypto({ ...vectorA.settings, aesKey: vectorB.settings.aesKey });
    const crypto = createCallbackCrypto(vectorA.settings);
    // Garbage plaintext almost never ends in valid padding; a fixed prefix keeps this one certain.
    const encrypted = other.encrypt('hello', { random16: 'bbbbbbbbbbbbbbbb' });
    const signature = crypto.sign({ timestamp: '1', nonce: 'n', encrypt: encrypted });

    expect(reasonOf(() => crypto.decrypt({ encrypt: encrypted, signature, timestamp: '1', nonce: 'n' }))).toBe('bad_padding');
  });

  it('a payload that is not whole AES blocks is refused as malformed', () => {
    const crypto = createCallbackCrypto(vectorA.settings);
    const encrypted = Buffer.from('not a block').toString('base64');
    const signature = crypto.sign({ timestamp: '1', nonce: 'n', encrypt: encrypted });

    expect(reasonOf(() => crypto.decrypt({ encrypt: encrypted, signature, timestamp: '1', nonce: 'n' }))).toBe('malformed');
  });

  it('an EncodingAESKey of the wrong length is a configuration error', () => {
    expect(() => createCallbackCrypto({ ...vectorA.settings, aesKey: 'short' })).toThrow(TypeError);
  });
});
