import { describe, expect, it } from 'vitest';
import { decideAfterFailure, nextSlot, retryDelayMs } from './outbox.rules';

const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 5 };
const now = new Date('2026-11-28T08:00:00.000Z');

describe('outbox rules', () => {
  it('backoff grows exponentially, is capped, and jitter stays inside the bounds', () => {
    expect(retryDelayMs({ attempt: 1, policy, random: 1 })).toBe(1000);
    expect(retryDelayMs({ attempt: 3, policy, random: 1 })).toBe(4000);
    expect(retryDelayMs({ attempt: 20, policy, random: 1 })).toBe(60_000);
    expect(retryDelayMs({ attempt: 20, policy, random: 0 })).toBe(500);
  });

  it('a permanent failure goes straight to the dead letters', () => {
    expect(decideAfterFailure({ failure: { retryable: false, message: 'bad parameter' }, attempts: 1, policy, now, random: 0.5 })).toEqual({ action: 'dead', reason: 'permanent: bad parameter' });
  });

  it('a retryable failure is retried until the attempts run out', () => {
    const retry = decideAfterFailure({ failure: { retryable: true, message: '503' }, attempts: 2, policy, now, random: 1 });
    expect(retry).toEqual({ action: 'retry', at: new Date(now.getTime() + 2000) });
    expect(decideAfterFailure({ failure: { retryable: true, message: '503' }, attempts: 5, policy, now, random: 1 })).toMatchObject({ action: 'dead' });
  });

  it('DingTalk’s own retry-after hint (a throttled robot) wins over a shorter backoff', () => {
    const retry = decideAfterFailure({ failure: { retryable: true, retryAfterMs: 600_000, message: '130101' }, attempts: 1, policy, now, random: 1 });
    expect(retry).toEqual({ action: 'retry', at: new Date(now.getTime() + 600_000) });
  });

  it('a robot allows 20 messages in any window and says when the next slot opens', () => {
    const sentAt = Array.from({ length: 20 }, (_, i) => new Date(now.getTime() - 59_000 + i * 1000));
    expect(nextSlot({ sentAt: sentAt.slice(0, 19), limit: 20, windowMs: 60_000, now })).toEqual({ ok: true });
    expect(nextSlot({ sentAt, limit: 20, windowMs: 60_000, now })).toEqual({ ok: false, at: new Date(now.getTime() + 1001) });
    const old = sentAt.map((time) => new Date(time.getTime() - 120_000));
    expect(nextSlot({ sentAt: old, limit: 20, windowMs: 60_000, now })).toEqual({ ok: true });
  });
});
