import type { FastifyBaseLogger } from 'fastify';
import type { DingTalkClient } from '../../dingtalk/client';
import { isDingTalkError } from '../../dingtalk/errors';
import type { Executor } from '../../db/client';
import type { FieldCipher } from '../crypto/field-cipher';
import { deliverers, type EffectKind } from './outbox.effects';
import type { OutboxRepository } from './outbox.repository';
import { type DeliveryFailure, decideAfterFailure, type RetryPolicy } from './outbox.rules';
import type { OutboxRow } from './outbox.table';
import { createPollLoop } from '../workers/poll-loop';

export interface OutboxWorkerSettings {
  policy: RetryPolicy;
  robotLimit: number;
  robotWindowMs: number;
  /** How long a robot DingTalk throttled is left alone when DingTalk gives no hint (its own penalty is 10 minutes). */
  throttlePenaltyMs: number;
  concurrency: number;
  pollMs: number;
  leaseMs: number;
}

export type DeliveredHook = (row: OutboxRow, result: Record<string, unknown>, tx: Executor) => Promise<void>;

export interface OutboxCounters {
  delivered: number;
  retried: number;
  dead: number;
  deferredByRateLimit: number;
}

interface WorkerDeps {
  repo: OutboxRepository;
  client: DingTalkClient;
  cipher: FieldCipher;
  clock: () => Date;
  settings: OutboxWorkerSettings;
  log: FastifyBaseLogger | undefined;
  hooks: Map<string, DeliveredHook[]>;
  transaction: <T>(work: (tx: Executor) => Promise<T>) => Promise<T>;
}

/** Delivers outbox rows: claim (SKIP LOCKED), respect each robot's budget, send, record the outcome. */
export function createOutboxWorker(deps: WorkerDeps) {
  const { repo, clock, settings, log } = deps;
  const counters: OutboxCounters = { delivered: 0, retried: 0, dead: 0, deferredByRateLimit: 0 };
  async function deliver(row: OutboxRow) {
    const now = clock();
    if (row.rateKey) {
      const slot = await repo.reserveRobotSlot({ rateKey: row.rateKey, limit: settings.robotLimit, windowMs: settings.robotWindowMs, now, outboxId: row.id });
      if (!slot.ok) {
        counters.deferredByRateLimit += 1;
        await repo.markRetry(row.id, { at: slot.at, error: null, refundAttempt: true });
        return;
      }
    }
    try {
      const result = await deliverers[row.kind as EffectKind]({ client: deps.client, cipher: deps.cipher, payload: row.payload });
      await deps.transaction(async (tx) => {
        await repo.markDelivered(row.id, result, clock(), tx);
        for (const hook of deps.hooks.get(row.kind) ?? []) await hook(row, result, tx);
      });
      counters.delivered += 1;
    } catch (error) {
      await recordFailure(row, toFailure(error));
    }
  }

  async function recordFailure(row: OutboxRow, failure: DeliveryFailure) {
    const now = clock();
    if (failure.throttled && row.rateKey) {
      // Our own setting wins over DingTalk's hint, so the penalty can be shortened where DingTalk's is.
      await repo.throttleRobot({ rateKey: row.rateKey, until: new Date(now.getTime() + settings.throttlePenaltyMs), reason: failure.message });
    }
    const decision = decideAfterFailure({ failure, attempts: row.attempts, policy: settings.policy, now, random: Math.random() });
    if (decision.action === 'retry') {
      counters.retried += 1;
      await repo.markRetry(row.id, { at: decision.at, error: failure.message });
    } else {
      counters.dead += 1;
      log?.warn({ outboxId: String(row.id), kind: row.kind, attempts: row.attempts, reason: decision.reason }, 'Outbox effect moved to dead letters');
      await repo.markDead(row.id, decision.reason);
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
    start: loop.start,
    /** Stops claiming; waits for the batch in hand to finish. */
    stop: loop.stop,
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
      message: `${error.code}: ${error.message}`.slice(0, 500),
    };
  }
  // Anything else is a bug or a payload DingTalk will never take: park it where an admin sees it.
  return { retryable: false, message: error instanceof Error ? error.message.slice(0, 500) : String(error) };
}
