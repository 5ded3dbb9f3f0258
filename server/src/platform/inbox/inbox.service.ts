import { beforeIdOf, keysetPage } from '../pagination/cursor';
import type { InboxDispatcher } from './inbox.dispatcher';
import type { IncomingEvent, InboxRepository } from './inbox.repository';
import type { InboxRow } from './inbox.table';

/**
 * The one way an event enters DingOps: record it (deduplicated by key), then let the dispatcher
 * handle it. Transports call `receive` and acknowledge DingTalk only after it resolved.
 */
export function createInboxService({ repo, dispatcher, clock }: { repo: InboxRepository; dispatcher: InboxDispatcher; clock: () => Date }) {
  return {
    async receive(event: IncomingEvent): Promise<{ isNew: boolean }> {
      const { isNew } = await repo.record(event, clock());
      if (isNew) dispatcher.wake();
      return { isNew };
    },
    on: dispatcher.on,
    requeueParked: (id: bigint) => repo.requeueParked(id, clock()),
    stats: () => repo.stats(),
    async list({ status, cursor, limit }: { status: InboxRow['status']; cursor?: string | undefined; limit: number }) {
      const rows = await repo.listByStatus({ status, beforeId: beforeIdOf(cursor), limit: limit + 1 });
      return keysetPage(rows, limit, (row) => [String(row.id)]);
    },
    findByKey: (eventKey: string) => repo.findByKey(eventKey),
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
