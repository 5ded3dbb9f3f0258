/** Pure decisions of the outbox worker; time and randomness are passed in. */

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

/** Exponential backoff with full jitter: a herd of failures spreads out instead of retrying in step. */
export function retryDelayMs({ attempt, policy, random }: { attempt: number; policy: RetryPolicy; random: number }): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(policy.baseDelayMs / 2 + random * (ceiling - policy.baseDelayMs / 2));
}

export type DeliveryFailure = {
  retryable: boolean;
  retryAfterMs?: number | undefined;
  throttled?: boolean;
  /** DingTalk refused the robot itself (unknown token, bad signature), not the message. */
  robotRefused?: boolean;
  message: string;
};

export type FailureDecision = { action: 'retry'; at: Date } | { action: 'dead'; reason: string };

/** After a failed attempt: retry later, or give up and keep it as a dead letter for an admin. */
export function decideAfterFailure({ failure, attempts, policy, now, random }: { failure: DeliveryFailure; attempts: number; policy: RetryPolicy; now: Date; random: number }): FailureDecision {
  if (!failure.retryable) return { action: 'dead', reason: `permanent: ${failure.message}` };
  if (attempts >= policy.maxAttempts) return { action: 'dead', reason: `gave up after ${attempts} attempts: ${failure.message}` };
  const delay = Math.max(failure.retryAfterMs ?? 0, retryDelayMs({ attempt: attempts, policy, random }));
  return { action: 'retry', at: new Date(now.getTime() + delay) };
}

/** Sliding-window budget: may one more message go now, and if not, when? */
export function nextSlot({ sentAt, limit, windowMs, now }: { sentAt: Date[]; limit: number; windowMs: number; now: Date }): { ok: true } | { ok: false; at: Date } {
  const windowStart = now.getTime() - windowMs;
  const inWindow = sentAt.map((time) => time.getTime()).filter((time) => time > windowStart).sort((a, b) => a - b);
  if (inWindow.length < limit) return { ok: true };
  const oldestThatMustExpire = inWindow[inWindow.length - limit] ?? now.getTime();
  return { ok: false, at: new Date(oldestThatMustExpire + windowMs + 1) };
}
