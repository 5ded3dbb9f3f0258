import { createHash } from 'node:crypto';

/**
 * The dedupe key of each kind of inbound message. DingTalk redelivers Stream events with the same
 * eventId and robot messages carry their own msgId; an HTTP event has no id, but a redelivery carries
 * the same plaintext, so its hash identifies it.
 */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const streamEventKey = (eventId: string) => `event:${eventId}`;
export const httpEventKey = (plaintext: string) => `http-event:${sha256(plaintext)}`;

export function robotMessageKey(payload: Record<string, unknown>, fallback: string): string {
  return typeof payload.msgId === 'string' && payload.msgId ? `robot:${payload.msgId}` : `robot-frame:${fallback}`;
}

export const streamCardCallbackKey = (messageId: string) => `card:${messageId}`;
/** A click over HTTP has no id: the signed timestamp tells two presses of the same button apart. */
export const httpCardCallbackKey = (body: string, timestamp: string) => `card-http:${timestamp}:${sha256(body)}`;
