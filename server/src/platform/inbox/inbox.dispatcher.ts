import type { FastifyBaseLogger } from 'fastify';
import type { Db, Executor } from '../../db/client';
import { isDatabaseUnavailable } from '../../db/connection-errors';
import { decideAfterFailure, type RetryPolicy } from '../outbox/outbox.rules';
import { createPollLoop } from '../workers/poll-loop';
import type { InboxRepository } from './inbox.repository';
import type { InboxRow } from './inbox.table';

/** A module's reaction to one event, run in a transaction with the event's own status update. */
export type InboxHandler = (event: InboxRow, tx: Executor) => Promise<void>;

/**
 * A reaction that first reads elsewhere (DingTalk's directory, say) outside the transaction, so a
 * slow answer never holds a database connection (embedded PGlite has only one), then writes inside it.
 */
export interface PreparedInboxHandler<T> {
  prepare(event: InboxRow): Promise<T>;
  handle(event: InboxRow, prepared: T, tx: Executor): Promise<void>;
}

type AnyHandler = InboxHandler | PreparedInboxHandler<unknown>;

export interface DispatcherSettings {
  policy: RetryPolicy;
  pollMs: number;
  leaseMs: number;
  batchSize: number;
}

/**
 * Hands stored events to the handlers registered for their topic. A failing handler is retried
 * with backoff, then the event is parked for an admin — never dropped. An event nobody handles is
 * marked ignored (it stays recorded).
 */
export function createInboxDispatcher({ db, repo, clock, settings, log }: { db: Db; repo: InboxRepository; clock: () => Date; settings: DispatcherSettings; log: FastifyBaseLogger | undefined }) {
  const handlers = new Map<string, AnyHandler[]>();
  const counters = { processed: 0, ignored: 0, retried: 0, parked: 0 };

  async function dispatch(event: InboxRow) {
    const forTopic = handlers.get(event.topic) ?? [];
    try {
      const prepared: unknown[] = [];
      for (const handler of forTopic) prepared.push(typeof handler === 'function' ? undefined : await handler.prepare(event));
      await db.transaction(async (tx) => {
        for (const [index, handler] of forTopic.entries()) {
          if (typeof handler === 'function') await handler(event, tx);
          else await handler.handle(event, prepared[index], tx);
        }
        await repo.markDone(event.id, forTopic.length > 0 ? 'processed' : 'ignored', clock(), tx);
      });
      counters[forTopic.length > 0 ? 'processed' : 'ignored'] += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
      // A database outage says nothing about the handler: try again soon, and never park for it.
      const decision = isDatabaseUnavailable(error)
        ? ({ action: 'retry', at: new Date(clock().getTime() + settings.pollMs * 4) } as const)
        : decideAfterFailure({ failure: { retryable: true, message }, attempts: event.attempts, policy: settings.policy, now: clock(), random: Math.random() });
      counters[decision.action === 'retry' ? 'retried' : 'parked'] += 1;
      log?.warn({ inboxId: String(event.id), topic: event.topic, attempts: event.attempts, err: error }, decision.action === 'retry' ? 'Event handler failed; will retry' : 'Event handler kept failing; parked');
      await repo.markFailed(event.id, { retryAt: decision.action === 'retry' ? decision.at : null, error: message });
    }
  }

  async function runOnce(): Promise<number> {
    const batch = await repo.claimDue({ now: clock(), limit: settings.batchSize, leaseMs: settings.leaseMs });
    for (const event of batch) await dispatch(event);
    return batch.length;
  }

  const loop = createPollLoop({ name: 'inbox', runOnce, pollMs: settings.pollMs, log });

  return {
    counters,
    runOnce,
    on<T>(topic: string, handler: InboxHandler | PreparedInboxHandler<T>) {
      handlers.set(topic, [...(handlers.get(topic) ?? []), handler as AnyHandler]);
    },
    start: loop.start,
    stop: loop.stop,
    wake: loop.wake,
  };
}

export type InboxDispatcher = ReturnType<typeof createInboxDispatcher>;
