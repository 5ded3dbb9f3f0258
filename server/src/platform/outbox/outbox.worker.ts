import { isDatabaseUnavailable } from '../../db/connection-errors';
import { isDingTalkError } from '../../dingtalk/errors';
import { deliverers, type EffectKind } from './outbox.effects';
import { type PoolSender, pooledFailure, poolSenders, reserveFirst } from './outbox.pool';
import { createOutcomeRecorder } from './outbox.outcomes';
import type { DeliveryFailure } from './outbox.rules';
import type { OutboxRow } from './outbox.table';
import type { OutboxCounters, WorkerDeps } from './outbox.worker.types';
import { createPollLoop } from '../workers/poll-loop';

export type { DeadLetterHook, DeliveredHook, OutboxCounters, OutboxWorkerSettings, WorkerDeps } from './outbox.worker.types';

/** Delivers outbox rows: claim (SKIP LOCKED), respect each robot's budget, send, record the outcome. */
export function createOutboxWorker(deps: WorkerDeps) {
  const { repo, clock, settings, log } = deps;
  const counters: OutboxCounters = { delivered: 0, retried: 0, dead: 0, deferredByRateLimit: 0 };
  type Lane = { ok: true; rateKey: string | null; sender?: PoolSender } | { ok: false; at: Date };
  let stopping = false;
  const { recordDelivered, recordFailure } = createOutcomeRecorder({ ...deps, counters, isStopping: () => stopping });

  /** The budget a row spends: its own rate key, or for a pooled message the first robot of its chat's pool with room. */
  async function laneOf(row: OutboxRow, now: Date): Promise<Lane> {
    const reserve = (rateKey: string) => repo.reserveRobotSlot({ rateKey, limit: settings.robotLimit, windowMs: settings.robotWindowMs, now, outboxId: row.id });
    if (row.kind === 'dingtalk.pooled_group_message') {
      const { robotCode, openConversationId, atUserIds } = row.payload as { robotCode: string; openConversationId: string; atUserIds?: string[] };
      const choice = await reserveFirst(poolSenders({ robotCode, pool: (await deps.pools.lookup?.(openConversationId)) ?? [], mentions: (atUserIds?.length ?? 0) > 0 }), reserve);
      return choice.ok ? { ok: true, rateKey: choice.sender.rateKey, sender: choice.sender } : choice;
    }
    if (!row.rateKey) return { ok: true, rateKey: null };
    const slot = await reserve(row.rateKey);
    return slot.ok ? { ok: true, rateKey: row.rateKey } : slot;
  }

  async function deliver(row: OutboxRow) {
    const lane = await laneOf(row, clock());
    if (!lane.ok) {
      counters.deferredByRateLimit += 1;
      await repo.markRetry(row.id, { at: lane.at, error: null, refundAttempt: true });
      return;
    }
    const failed = (error: unknown) => {
      const failure = toFailure(error);
      return recordFailure(row, lane.sender ? pooledFailure(failure, lane.sender) : failure, lane.rateKey);
    };
    let result: Record<string, unknown>;
    try {
      result = await deliverers[row.kind as EffectKind]({ client: deps.client, cipher: deps.cipher, payload: row.payload, sender: lane.sender });
    } catch (error) {
      return failed(error);
    }
    try {
      await recordDelivered(row, result);
    } catch (error) {
      // DingTalk has it but the database stayed away: the row's lease runs out and it is sent again.
      if (isDatabaseUnavailable(error)) throw error;
      await failed(error);
    }
  }

  /** Claims and delivers one batch; returns how many rows it handled. */
  async function runOnce(): Promise<number> {
    const batch = await repo.claimDue({ now: clock(), limit: settings.concurrency * 4, leaseMs: settings.leaseMs });
    let next = 0;
    const lane = async () => {
      while (next < batch.length) {
        const row = batch[next++];
        if (row) await deliver(row).catch((error: unknown) => log?.error({ err: error, outboxId: String(row.id) }, 'Outbox delivery crashed'));
      }
    };
    await Promise.all(Array.from({ length: Math.min(settings.concurrency, batch.length) }, lane));
    return batch.length;
  }

  let lastPrune = 0;
  /** Old send records are only needed for one window; trim them now and then. */
  async function runAndPrune(): Promise<number> {
    const handled = await runOnce();
    if (Date.now() - lastPrune > settings.robotWindowMs) {
      lastPrune = Date.now();
      await repo.pruneRobotSends(new Date(clock().getTime() - settings.robotWindowMs * 2));
    }
    return handled;
  }

  const loop = createPollLoop({ name: 'outbox', runOnce: runAndPrune, pollMs: settings.pollMs, log });

  return {
    counters,
    runOnce,
    start() {
      stopping = false;
      loop.start();
    },
    /** Stops claiming; waits for the batch in hand to finish (one waiting out an outage gives up). */
    async stop() {
      stopping = true;
      await loop.stop();
    },
    wake: loop.wake,
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

function toFailure(error: unknown): DeliveryFailure {
  if (isDingTalkError(error)) {
    return {
      retryable: error.retryable,
      retryAfterMs: (error as { retryAfterMs?: number }).retryAfterMs,
      throttled: error.reason === 'throttled',
      robotRefused: error.reason === 'auth',
      message: `${error.code}: ${error.message}`.slice(0, 500),
    };
  }
  // Anything else is a bug or a payload DingTalk will never take: park it where an admin sees it.
  return { retryable: false, message: error instanceof Error ? error.message.slice(0, 500) : String(error) };
}
