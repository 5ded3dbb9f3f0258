import { describe, expect, it } from 'vitest';
import { pooledFailure, type PoolSender, poolSenders, type Reservation, reserveFirst } from './outbox.pool';

const pool = [
  { id: 'a', robotEncrypted: 'enc:1:a1:aaa' },
  { id: 'b', robotEncrypted: 'enc:1:a1:bbb' },
];
const senders = poolSenders({ robotCode: 'ding-app', pool });

/** A fake budget: each key has `room` sends left, or a time when it frees up. */
const budgets = (state: Record<string, number | Date>) => {
  const asked: string[] = [];
  const reserve = async (rateKey: string): Promise<Reservation> => {
    asked.push(rateKey);
    const left = state[rateKey];
    if (typeof left === 'number' && left > 0) {
      state[rateKey] = left - 1;
      return { ok: true };
    }
    return { ok: false, at: left instanceof Date ? left : new Date(0) };
  };
  return { reserve, asked };
};

describe('robot pool choice', () => {
  it('tries the app robot first, then the chat’s custom robots in order', () => {
    expect(senders.map((sender) => sender.rateKey)).toEqual(['robot:ding-app', 'webhook:a', 'webhook:b']);
    expect(poolSenders({ robotCode: 'ding-app', pool: [] })).toEqual([{ kind: 'app', rateKey: 'robot:ding-app' }]);
  });

  it('F2: a message that must @ people tries the custom robots first (only they can @), the app robot last', () => {
    expect(poolSenders({ robotCode: 'ding-app', pool, mentions: true }).map((sender) => sender.rateKey)).toEqual(['webhook:a', 'webhook:b', 'robot:ding-app']);
  });

  it('P2: spreads a burst over the robots with budget, 20 each, and never takes more than a robot has', async () => {
    const { reserve } = budgets({ 'robot:ding-app': 20, 'webhook:a': 20, 'webhook:b': 20 });
    const used: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const choice = await reserveFirst(senders, reserve);
      if (choice.ok) used.push(choice.sender.rateKey);
    }
    expect(used.filter((key) => key === 'robot:ding-app')).toHaveLength(20);
    expect(used.filter((key) => key === 'webhook:a')).toHaveLength(20);
    expect(used.filter((key) => key === 'webhook:b')).toHaveLength(20);
  });

  it('skips a throttled robot, and when none has room waits for the earliest one instead of dropping the message', async () => {
    const soon = new Date('2026-11-28T08:00:30Z');
    const later = new Date('2026-11-28T08:10:00Z');
    const skip = budgets({ 'robot:ding-app': later, 'webhook:a': 1, 'webhook:b': 5 });
    const first = await reserveFirst(senders, skip.reserve);
    expect(first.ok && first.sender).toMatchObject({ kind: 'webhook', robotId: 'a' });

    const none = budgets({ 'robot:ding-app': later, 'webhook:a': soon, 'webhook:b': later });
    expect(await reserveFirst(senders, none.reserve)).toEqual({ ok: false, at: soon });
    expect(none.asked).toEqual(['robot:ding-app', 'webhook:a', 'webhook:b']);
  });
});

describe('a pooled send that failed', () => {
  const [app, webhook] = senders as [PoolSender, PoolSender];
  const throttled = { retryable: true, throttled: true, retryAfterMs: 600_000, message: '130101: send too fast' };

  it('benches only the robot that was throttled and lets another robot take the message at once', () => {
    expect(pooledFailure(throttled, webhook)).toEqual({ ...throttled, retryAfterMs: undefined });
  });

  it('benches a custom robot DingTalk refuses instead of dead-lettering the message; other failures stay as they are', () => {
    const refused = { retryable: false, robotRefused: true, message: '310000: sign not match' };
    expect(pooledFailure(refused, webhook)).toMatchObject({ retryable: true, throttled: true });
    expect(pooledFailure(refused, app)).toBe(refused);
    const tooLong = { retryable: false, message: '460101: message too long' };
    expect(pooledFailure(tooLong, webhook)).toBe(tooLong);
  });
});
