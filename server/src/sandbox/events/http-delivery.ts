import { randomBytes } from 'node:crypto';
import { createCallbackCrypto, isCallbackCryptoError } from '../../dingtalk/callback-crypto';
import { robotRequestHeaders } from '../../dingtalk/robot-signature';

// DingTalk's HTTP pushes, as the sandbox sends them: encrypted events to the app's callback URL
// (which must answer with the encrypted word "success"), robot messages signed with the app
// secret to the robot's message URL, and card clicks as plain JSON to the registered card URL.

export type HttpOutcome = { ok: true; body: unknown } | { ok: false; detail: string };

const nonceAlphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const newNonce = () => [...randomBytes(8)].map((byte) => nonceAlphabet[byte % nonceAlphabet.length]).join('');

async function postJson({ url, body, headers = {}, timeoutMs }: { url: string; body: unknown; headers?: Record<string, string>; timeoutMs: number }) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * POST `{encrypt}` to `url?msg_signature=&timestamp=&nonce=` and check the reply is the
 * encrypted, correctly signed word `success` for this app.
 */
export async function pushEncryptedEvent(input: {
  url: string;
  plain: string;
  token: string;
  aesKey: string;
  /** The app key: DingTalk encrypts console event subscriptions for it. */
  ownerKey: string;
  now: number;
  timeoutMs: number;
}): Promise<HttpOutcome> {
  const crypto = createCallbackCrypto({ token: input.token, aesKey: input.aesKey, ownerKey: input.ownerKey });
  const sealed = crypto.seal(input.plain, { timestamp: String(input.now), nonce: newNonce() });
  const target = new URL(input.url);
  target.searchParams.set('msg_signature', sealed.msg_signature);
  target.searchParams.set('timestamp', sealed.timeStamp);
  target.searchParams.set('nonce', sealed.nonce);
  try {
    const { status, body } = await postJson({ url: target.toString(), body: { encrypt: sealed.encrypt }, timeoutMs: input.timeoutMs });
    if (status !== 200) return { ok: false, detail: `HTTP ${status}` };
    const reply = (body ?? {}) as Record<string, unknown>;
    const fields = [reply.encrypt, reply.msg_signature, reply.timeStamp ?? reply.timestamp, reply.nonce];
    if (!fields.every((field) => typeof field === 'string')) return { ok: false, detail: 'reply is not {msg_signature, timeStamp, nonce, encrypt}' };
    const [encrypt, signature, timestamp, nonce] = fields as string[];
    const answer = crypto.decrypt({ encrypt: encrypt!, signature: signature!, timestamp: timestamp!, nonce: nonce! });
    return answer === 'success' ? { ok: true, body: reply } : { ok: false, detail: `reply decrypted to "${answer.slice(0, 40)}", not "success"` };
  } catch (error) {
    if (isCallbackCryptoError(error)) return { ok: false, detail: `reply refused: ${error.reason}` };
    return { ok: false, detail: describe(error) };
  }
}

/** A robot message over HTTP: plain JSON with the `timestamp`/`sign` headers. */
export async function pushRobotMessage(input: { url: string; message: unknown; appSecret: string; now: number; timeoutMs: number }): Promise<HttpOutcome> {
  return pushPlain({ url: input.url, body: input.message, headers: robotRequestHeaders({ appSecret: input.appSecret, now: input.now }), timeoutMs: input.timeoutMs });
}

/**
 * A card click over HTTP; the answer body may carry a card update. How DingTalk authenticates
 * this push is not documented (the `apiSecret` of registerCallback plays some part); the sandbox
 * signs it like a robot message so a receiver can check it the same way.
 */
export async function pushCardCallback(input: { url: string; callback: unknown; appSecret: string; now: number; timeoutMs: number }): Promise<HttpOutcome> {
  return pushPlain({ url: input.url, body: input.callback, headers: robotRequestHeaders({ appSecret: input.appSecret, now: input.now }), timeoutMs: input.timeoutMs });
}

async function pushPlain(input: { url: string; body: unknown; headers?: Record<string, string>; timeoutMs: number }): Promise<HttpOutcome> {
  try {
    const { status, body } = await postJson(input);
    return status >= 200 && status < 300 ? { ok: true, body } : { ok: false, detail: `HTTP ${status}` };
  } catch (error) {
    return { ok: false, detail: describe(error) };
  }
}
