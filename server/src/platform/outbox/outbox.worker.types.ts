import type { FastifyBaseLogger } from 'fastify';
import type { DingTalkClient } from '../../dingtalk/client';
import type { Executor } from '../../db/client';
import type { FieldCipher } from '../crypto/field-cipher';
import type { OutboxRepository } from './outbox.repository';
import type { PoolLookup } from './outbox.pool';
import type { RetryPolicy } from './outbox.rules';
import type { OutboxRow } from './outbox.table';

// The worker's settings, hooks, counters and dependencies, apart from it so the outcome recorder it builds need not import it.

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
/** Runs in the transaction that moves an effect to the dead letters, so what waited on it can say so. */
export type DeadLetterHook = (row: OutboxRow, reason: string, tx: Executor) => Promise<void>;

export interface OutboxCounters {
  delivered: number;
  retried: number;
  dead: number;
  deferredByRateLimit: number;
}

export interface WorkerDeps {
  repo: OutboxRepository;
  client: DingTalkClient;
  cipher: FieldCipher;
  clock: () => Date;
  settings: OutboxWorkerSettings;
  log: FastifyBaseLogger | undefined;
  hooks: Map<string, DeliveredHook[]>;
  deadHooks: Map<string, DeadLetterHook[]>;
  /** Where pooled messages find a chat's custom robots (set by the module that keeps them). */
  pools: { lookup: PoolLookup | null };
  transaction: <T>(work: (tx: Executor) => Promise<T>) => Promise<T>;
}
