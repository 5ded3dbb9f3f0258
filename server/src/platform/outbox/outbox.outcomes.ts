import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnavailable } from '../../db/connection-errors';
import { type DeliveryFailure, decideAfterFailure } from './outbox.rules';
import type { OutboxRow } from './outbox.table';
import type { OutboxCounters, WorkerDeps } from './outbox.worker.types';

/** A delivery is recorded before its lease runs out by at least this much, or left to be sent again. */
const leaseMarginMs = 5_000;

/** What became of a delivery, stored with its hooks: delivered, to be retried, or a dead letter. */
export function createOutcomeRecorder(deps: Pick<WorkerDeps, 'repo' | 'clock' | 'settings' | 'log' | 'hooks' | 'deadHooks' | 'transaction'> & { counters: OutboxCounters; isStopping: () => boolean }) {
  const { repo, clock, settings, log, counters, isStopping } = deps;

  /**
   * DingTalk took the effect: record that. A database outage is waited out while the row's lease
   * lasts (less a margin), so the effect is not sent twice; past that, or when the worker stops, the
   * lease runs out and the row is sent again.
   */
  async function recordDelivered(row: OutboxRow, result: Record<string, unknown>) {
    const leaseLeftMs = (row.lockedUntil?.getTime() ?? clock().getTime() + settings.leaseMs / 2) - clock().getTime();
    const giveUpAt = Date.now() + leaseLeftMs - leaseMarginMs;
    for (let waitMs = 250; ; waitMs = Math.min(waitMs * 2, 2_000)) {
      try {
        await deps.transaction(async (tx) => {
          await repo.markDelivered(row.id, result, clock(), tx);
          for (const hook of deps.hooks.get(row.kind) ?? []) await hook(row, result, tx);
        });
        counters.delivered += 1;
        return;
      } catch (error) {
        if (!isDatabaseUnavailable(error) || isStopping() || Date.now() + waitMs > giveUpAt) throw error;
        await sleep(waitMs);
      }
    }
  }

  async function recordFailure(row: OutboxRow, failure: DeliveryFailure, rateKey: string | null) {
    const now = clock();
    if (failure.throttled && rateKey) {
      // Our own setting wins over DingTalk's hint, so the penalty can be shortened where DingTalk's is.
      // Only the robot that was throttled stops: the rest of its pool carries on.
      await repo.throttleRobot({ rateKey, until: new Date(now.getTime() + settings.throttlePenaltyMs), reason: failure.message });
    }
    const decision = decideAfterFailure({ failure, attempts: row.attempts, policy: settings.policy, now, random: Math.random() });
    if (decision.action === 'retry') {
      counters.retried += 1;
      await repo.markRetry(row.id, { at: decision.at, error: failure.message });
    } else {
      counters.dead += 1;
      log?.warn({ outboxId: String(row.id), kind: row.kind, attempts: row.attempts, reason: decision.reason }, 'Outbox effect moved to dead letters');
      await deps.transaction(async (tx) => {
        await repo.markDead(row.id, decision.reason, tx);
        for (const hook of deps.deadHooks.get(row.kind) ?? []) await hook(row, decision.reason, tx);
      });
    }
  }

  return { recordDelivered, recordFailure };
}
