import { createHmac, timingSafeEqual } from 'node:crypto';

// Robot messages delivered by HTTP (the robot's message URL, not Stream) carry two headers:
// `timestamp` (epoch ms) and `sign` = Base64(HMAC-SHA256(key = appSecret, timestamp + "\n" + appSecret)),
// not URL-encoded. DingTalk's docs ask receivers to refuse a timestamp more than an hour off.

/** How far the `timestamp` header may be from our clock. */
export const robotSignatureToleranceMs = 60 * 60 * 1000;

/**
 * Why a robot request was refused:
 * - `missing`: no `timestamp` or `sign` header, or a timestamp that is not a number.
 * - `expired`: the timestamp is more than an hour from our clock (a replay, or a skewed clock).
 * - `bad_signature`: the sign does not match our app secret.
 */
export type RobotSignatureFailure = 'missing' | 'expired' | 'bad_signature';

export type RobotSignatureCheck = { valid: true } | { valid: false; reason: RobotSignatureFailure };

export function signRobotRequest({ appSecret, timestamp }: { appSecret: string; timestamp: string | number }): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`, 'utf8').digest('base64');
}

/** The two headers a robot message POST carries, signed now (or at `now`). */
export function robotRequestHeaders({ appSecret, now = Date.now() }: { appSecret: string; now?: number }): { timestamp: string; sign: string } {
  const timestamp = String(now);
  return { timestamp, sign: signRobotRequest({ appSecret, timestamp }) };
}

/** Check the `timestamp` and `sign` headers of an incoming robot message. */
export function verifyRobotRequest({
  appSecret,
  timestamp,
  sign,
  now = Date.now(),
  toleranceMs = robotSignatureToleranceMs,
}: {
  appSecret: string;
  timestamp: string | undefined;
  sign: string | undefined;
  now?: number;
  toleranceMs?: number;
}): RobotSignatureCheck {
  if (!timestamp || !sign || !/^\d{1,16}$/.test(timestamp)) return { valid: false, reason: 'missing' };
  if (Math.abs(now - Number(timestamp)) > toleranceMs) return { valid: false, reason: 'expired' };
  const expected = Buffer.from(signRobotRequest({ appSecret, timestamp }), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { valid: false, reason: 'bad_signature' };
  return { valid: true };
}
