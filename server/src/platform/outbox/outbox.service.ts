import type { Db, Executor } from '../../db/client';
import type { AuditContext, AuditService } from '../audit/audit.service';
import { beforeIdOf, keysetPage } from '../pagination/cursor';
import { effectSchemas, type EffectKind, type EffectPayload } from './outbox.effects';
import { deadLetterNotFound } from './outbox.errors';
import type { PoolLookup } from './outbox.pool';
import type { OutboxRepository } from './outbox.repository';
import type { OutboxRow } from './outbox.table';
import type { DeadLetterHook, DeliveredHook } from './outbox.worker';

export interface Effect<K extends EffectKind> {
  kind: K;
  payload: EffectPayload<K>;
  /** Same key, same effect: enqueueing it again is a no-op. */
  idempotencyKey: string;
  /** 1 (level-1 alert) … 9 (digest); default 5. */
  priority?: number;
  /** The robot whose 20-a-minute budget this uses. */
  rateKey?: string;
  /** Effects with the same key are delivered in enqueue order (a card before its updates). */
  orderingKey?: string;
  /** What caused it, e.g. `tickets:42`, for admins reading dead letters. */
  source?: string;
}

export function createOutboxService({
  db,
  repo,
  audit,
  clock,
  hooks,
  deadHooks,
  pools,
  wake,
}: {
  db: Db;
  repo: OutboxRepository;
  audit: AuditService;
  clock: () => Date;
  hooks: Map<string, DeliveredHook[]>;
  deadHooks: Map<string, DeadLetterHook[]>;
  pools: { lookup: PoolLookup | null };
  wake: () => void;
}) {
  return {
    /** Call inside the transaction that makes the change, so the effect exists exactly when the change does. */
    async enqueue<K extends EffectKind>(tx: Executor, effect: Effect<K>): Promise<{ id: bigint | null }> {
      const payload = effectSchemas[effect.kind].parse(effect.payload) as Record<string, unknown>;
      const id = await repo.insert(
        {
          kind: effect.kind,
          payload,
          idempotencyKey: effect.idempotencyKey,
          priority: effect.priority ?? 5,
          rateKey: effect.rateKey ?? null,
          orderingKey: effect.orderingKey ?? null,
          source: effect.source ?? null,
        },
        clock(),
        tx,
      );
      return { id };
    },

    /** Lets a module record what DingTalk answered (e.g. an approval's instance id) in the delivery transaction. */
    onDelivered(kind: EffectKind, hook: DeliveredHook) {
      hooks.set(kind, [...(hooks.get(kind) ?? []), hook]);
    },

    /** Lets a module hear, in the same transaction, that an effect it waits on will not be delivered (a request whose approval could not start). */
    onDeadLetter(kind: EffectKind, hook: DeadLetterHook) {
      deadHooks.set(kind, [...(deadHooks.get(kind) ?? []), hook]);
    },

    /** Tells pooled group messages where a chat's custom robots are (one lookup for the whole app). */
    usePools(lookup: PoolLookup) {
      pools.lookup = lookup;
    },

    async list({ status, cursor, limit }: { status: OutboxRow['status']; cursor?: string | undefined; limit: number }) {
      const rows = await repo.listByStatus({ status, beforeId: beforeIdOf(cursor), limit: limit + 1 });
      return keysetPage(rows, limit, (row) => [String(row.id)]);
    },

    /** An admin sends a dead letter again or drops it; either way it is audited. */
    async resolveDeadLetter({ id, action, context }: { id: bigint; action: 'retry' | 'discard'; context: AuditContext }): Promise<OutboxRow> {
      const row = await db.transaction(async (tx) => {
        const updated = await repo.resolveDead({ id, action, now: clock() }, tx);
        if (!updated) throw deadLetterNotFound(String(id));
        await audit.record(context, { action: `outbox.dead_letter_${action === 'retry' ? 'retried' : 'discarded'}`, target: { type: 'outbox', id: String(id) }, summary: { kind: updated.kind, lastError: updated.lastError } }, tx);
        return updated;
      });
      if (action === 'retry') wake();
      return row;
    },

    stats: () => repo.stats(clock()),
  };
}

export type OutboxService = ReturnType<typeof createOutboxService>;
