import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// DingTalk's encrypted HTTP callbacks (事件订阅 HTTP 推送): AES-256-CBC over
// `16 random bytes ‖ 4-byte big-endian length ‖ message ‖ ownerKey`, padded PKCS#7-style to a
// multiple of 32 (not the cipher's 16), and a SHA1 signature over the sorted strings
// [token, timestamp, nonce, encrypt]. Same algorithm as the official DingCallbackCrypto samples.

/**
 * Why a callback could not be opened:
 * - `bad_signature`: the SHA1 signature does not match; the request did not come from DingTalk
 *   (or the token is wrong).
 * - `bad_padding`: the plaintext padding is invalid, which is what a wrong AES key looks like.
 * - `owner_mismatch`: it decrypted, but for another app (the trailing ownerKey differs).
 * - `malformed`: not Base64 of whole cipher blocks, or the length field does not fit.
 */
export type CallbackCryptoErrorReason = 'bad_signature' | 'bad_padding' | 'owner_mismatch' | 'malformed';

export class CallbackCryptoError extends Error {
  readonly reason: CallbackCryptoErrorReason;

  constructor(reason: CallbackCryptoErrorReason, message: string) {
    super(message);
    this.name = 'CallbackCryptoError';
    this.reason = reason;
  }
}

export function isCallbackCryptoError(error: unknown): error is CallbackCryptoError {
  return error instanceof CallbackCryptoError;
}

export interface CallbackCryptoSettings {
  /** The callback token set in the developer console. */
  token: string;
  /** The 43-character EncodingAESKey set in the developer console. */
  aesKey: string;
  /** The app's AppKey for console event subscriptions (corpId for the legacy register API). */
  ownerKey: string;
}

export interface EncryptedCallback {
  encrypt: string;
  /** `msg_signature` (or legacy `signature`) from the query string. */
  signature: string;
  /** `timestamp` (or `timeStamp`) from the query string. */
  timestamp: string;
  nonce: string;
}

/** The JSON body DingTalk expects back from a callback URL. */
export interface SealedReply {
  msg_signature: string;
  timeStamp: string;
  nonce: string;
  encrypt: string;
}

/** Plaintext blocks are padded to 32 bytes, as the official samples do. */
const padBlock = 32;
const nonceAlphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export type CallbackCrypto = ReturnType<typeof createCallbackCrypto>;

export function createCallbackCrypto({ token, aesKey, ownerKey }: CallbackCryptoSettings) {
  if (!/^[A-Za-z0-9+/]{43}$/.test(aesKey)) throw new TypeError('The EncodingAESKey must be 43 Base64 characters');
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const iv = key.subarray(0, 16);
  const owner = Buffer.from(ownerKey, 'utf8');

  function sign({ timestamp, nonce, encrypt }: { timestamp: string; nonce: string; encrypt: string }): string {
    const joined = [token, timestamp, nonce, encrypt].sort().join('');
    return createHash('sha1').update(joined, 'utf8').digest('hex');
  }

  function encrypt(plain: string, { random16 }: { random16?: string | Buffer } = {}): string {
    const random = random16 === undefined ? randomBytes(16) : Buffer.from(random16);
    if (random.length !== 16) throw new TypeError('The random prefix must be 16 bytes');
    const message = Buffer.from(plain, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(message.length);
    const body = Buffer.concat([random, length, message, owner]);
    const padLength = padBlock - (body.length % padBlock);
    const padded = Buffer.concat([body, Buffer.alloc(padLength, padLength)]);
    const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
  }

  function decrypt({ encrypt: encrypted, signature, timestamp, nonce }: EncryptedCallback): string {
    if (!signaturesMatch(sign({ timestamp, nonce, encrypt: encrypted }), signature)) {
      throw new CallbackCryptoError('bad_signature', 'The callback signature does not match');
    }
    const cipherText = Buffer.from(encrypted, 'base64');
    if (cipherText.length === 0 || cipherText.length % 16 !== 0 || !/^[A-Za-z0-9+/]+=*$/.test(encrypted)) {
      throw new CallbackCryptoError('malformed', 'The encrypted payload is not Base64 of whole AES blocks');
    }
    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(cipherText), decipher.final()]);
    const plain = stripPadding(padded);
    if (plain.length < 20) throw new CallbackCryptoError('malformed', 'The decrypted payload is too short');
    const messageLength = plain.readUInt32BE(16);
    const messageEnd = 20 + messageLength;
    if (messageEnd > plain.length) throw new CallbackCryptoError('malformed', 'The length field runs past the payload');
    if (!plain.subarray(messageEnd).equals(owner)) {
      throw new CallbackCryptoError('owner_mismatch', 'The callback was encrypted for another app');
    }
    return plain.subarray(20, messageEnd).toString('utf8');
  }

  /** Encrypt and sign a message for the wire, as DingTalk does for a push and we do for a reply. */
  function seal(plain: string, options: { timestamp?: string; nonce?: string; random16?: string | Buffer } = {}): SealedReply {
    const timeStamp = options.timestamp ?? String(Date.now());
    const nonce = options.nonce ?? randomNonce();
    const encrypted = encrypt(plain, { random16: options.random16 });
    return { msg_signature: sign({ timestamp: timeStamp, nonce, encrypt: encrypted }), timeStamp, nonce, encrypt: encrypted };
  }

  return {
    decrypt,
    encrypt,
    sign,
    seal,
    /** The reply that tells DingTalk a push was received: the word `success`, sealed. */
    replySuccess: (options: { timestamp?: string; nonce?: string; random16?: string | Buffer } = {}) => seal('success', options),
  };
}

function stripPadding(padded: Buffer): Buffer {
  const padLength = padded[padded.length - 1] ?? 0;
  if (padLength < 1 || padLength > padBlock || padLength > padded.length) {
    throw new CallbackCryptoError('bad_padding', 'The decrypted payload has invalid padding');
  }
  for (let index = padded.length - padLength; index < padded.length; index += 1) {
    if (padded[index] !== padLength) throw new CallbackCryptoError('bad_padding', 'The decrypted payload has invalid padding');
  }
  return padded.subarray(0, padded.length - padLength);
}

function signaturesMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function randomNonce(): string {
  return [...randomBytes(8)].map((byte) => nonceAlphabet[byte % nonceAlphabet.length]).join('');
}
