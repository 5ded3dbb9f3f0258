import { createHmac, timingSafeEqual } from 'node:crypto';

/** DingTalk refuses a signed robot request whose timestamp is more than an hour off its clock. */
export const webhookSignatureToleranceMs = 60 * 60 * 1000;

/**
 * The custom robot's `sign`: Base64 of HMAC-SHA256 over `timestamp + "\n" + secret`, keyed with
 * the secret (which starts with 'SEC'). The caller URL-encodes it once for the query string.
 */
export function signWebhookRequest(secret: string, timestampMs: number | string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Constant-time comparison of a received `sign` (already URL-decoded) with the expected one. */
export function isValidWebhookSign(secret: string, timestampMs: string, sign: string): boolean {
  const expected = Buffer.from(signWebhookRequest(secret, timestampMs));
  const received = Buffer.from(sign);
  return expected.length === received.length && timingSafeEqual(expected, received);
}
