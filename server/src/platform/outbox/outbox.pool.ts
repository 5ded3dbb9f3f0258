/**
 * Robot pools: a markdown message to a group chat may go by the app robot or by any of the chat's
 * custom (webhook) robots, each with its own 20-a-minute budget. Which one is decided at delivery
 * time, when the budgets are known; the chats' pools come from the module that keeps them.
 */

import type { DeliveryFailure } from './outbox.rules';

/** One custom robot of a chat's pool: its id and its `{ url, secret? }`, encrypted as in webhook payloads. */
export interface PooledRobot {
  id: string;
  robotEncrypted: string;
}

/** The chat's enabled custom robots, in the order they should be tried. */
export type PoolLookup = (openConversationId: string) => Promise<PooledRobot[]>;

export type PoolSender = { kind: 'app'; rateKey: string } | { kind: 'webhook'; rateKey: string; robotId: string; robotEncrypted: string };

export type Reservation = { ok: true } | { ok: false; at: Date };

/** Rate keys: the app robot's is the one its other group messages already use. */
export const appRobotRateKey = (robotCode: string) => `robot:${robotCode}`;
export const webhookRobotRateKey = (robotId: string) => `webhook:${robotId}`;

/**
 * The robots that may carry a pooled message, in the order they are tried: the app robot, then the
 * pool — or, for a message that must @ people (`mentions`), the pool first, since only a custom robot
 * can; the app robot (which names them) stays the fallback so the message is never held up for it.
 */
export function poolSenders({ robotCode, pool, mentions = false }: { robotCode: string; pool: readonly PooledRobot[]; mentions?: boolean }): PoolSender[] {
  const app: PoolSender = { kind: 'app', rateKey: appRobotRateKey(robotCode) };
  const webhooks = pool.map((robot): PoolSender => ({ kind: 'webhook', rateKey: webhookRobotRateKey(robot.id), robotId: robot.id, robotEncrypted: robot.robotEncrypted }));
  return mentions ? [...webhooks, app] : [app, ...webhooks];
}

/**
 * Takes a slot from the first sender with room in its budget (a throttled robot has none). When none
 * has room, says when the first of them will, so the message waits exactly that long and is never dropped.
 */
export async function reserveFirst(senders: readonly PoolSender[], reserve: (rateKey: string) => Promise<Reservation>): Promise<{ ok: true; sender: PoolSender } | { ok: false; at: Date }> {
  let earliest: Date | null = null;
  for (const sender of senders) {
    const slot = await reserve(sender.rateKey);
    if (slot.ok) return { ok: true, sender };
    if (!earliest || slot.at < earliest) earliest = slot.at;
  }
  if (!earliest) throw new Error('A pooled message needs at least one robot');
  return { ok: false, at: earliest };
}

/**
 * A failed pooled send, seen from the pool: the robot that failed is benched (throttled), and the
 * message may go again at once by another robot rather than after the failed robot's own penalty. A
 * custom robot DingTalk refuses (token removed, secret changed) is benched the same way, so one
 * misconfigured robot does not turn the chat's messages into dead letters.
 */
export function pooledFailure(failure: DeliveryFailure, sender: PoolSender): DeliveryFailure {
  const refused = sender.kind === 'webhook' && failure.robotRefused === true;
  if (!failure.throttled && !refused) return failure;
  return { ...failure, retryable: true, throttled: true, retryAfterMs: undefined };
}
