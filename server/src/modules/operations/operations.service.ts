import type { AuditContext, AuditService } from '../../platform/audit/audit.service';
import type { InboxService } from '../../platform/inbox/inbox.service';
import type { InboxRow } from '../../platform/inbox/inbox.table';
import type { OutboxService } from '../../platform/outbox/outbox.service';
import type { OutboxRow } from '../../platform/outbox/outbox.table';
import type { OutboxCounters } from '../../platform/outbox/outbox.worker';
import type { Scheduler } from '../../platform/scheduler/scheduler.service';
import type { JobRunRow } from '../../platform/scheduler/scheduler.table';
import { jobNotFound, parkedEventNotFound } from './operations.errors';

interface OperationsDeps {
  outbox: OutboxService;
  outboxCounters: OutboxCounters;
  inbox: InboxService;
  scheduler: Scheduler;
  audit: AuditService;
}

/** What an IT admin needs to keep DingTalk delivery healthy: dead letters, parked events, job runs. */
export function createOperationsService({ outbox, outboxCounters, inbox, scheduler, audit }: OperationsDeps) {
  return {
    async listOutbox(query: { status: OutboxRow['status']; cursor?: string | undefined; limit: number }) {
      const page = await outbox.list(query);
      return { items: page.items.map(toOutboxItem), nextCursor: page.nextCursor };
    },

    async resolveDeadLetter({ id, action, context }: { id: string; action: 'retry' | 'discard'; context: AuditContext }) {
      return toOutboxItem(await outbox.resolveDeadLetter({ id: BigInt(id), action, context }));
    },

    async outboxStats() {
      return { byStatus: await outbox.stats(), worker: { ...outboxCounters } };
    },

    async listInbox(query: { status: InboxRow['status']; cursor?: string | undefined; limit: number }) {
      const page = await inbox.list(query);
      return { items: page.items.map(toInboxItem), nextCursor: page.nextCursor };
    },

    async requeueParked({ id, context }: { id: string; context: AuditContext }) {
      const row = await inbox.requeueParked(BigInt(id));
      if (!row) throw parkedEventNotFound(id);
      await audit.record(context, { action: 'inbox.event_requeued', target: { type: 'inbox_event', id }, summary: { topic: row.topic, lastError: row.lastError } });
      return toInboxItem(row);
    },

    listJobs: () => scheduler.jobs(),

    async listJobRuns(query: { job?: string | undefined; cursor?: string | undefined; limit: number }) {
      const page = await scheduler.listRuns(query);
      return { items: page.items.map(toJobRun), nextCursor: page.nextCursor };
    },

    async runJob({ name, context }: { name: string; context: AuditContext }) {
      if (!scheduler.jobs().some((job) => job.name === name)) throw jobNotFound(name);
      await audit.record(context, { action: 'scheduler.job_run_requested', target: { type: 'job', id: name } });
      const outcome = await scheduler.runNow(name);
      return { name, ran: outcome?.ran ?? false, status: outcome?.status ?? null };
    },
  };
}

export type OperationsService = ReturnType<typeof createOperationsService>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toOutboxItem(row: OutboxRow) {
  return {
    id: String(row.id),
    kind: row.kind,
    status: row.status,
    priority: row.priority,
    attempts: row.attempts,
    rateKey: row.rateKey,
    source: row.source,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    deliveredAt: iso(row.deliveredAt),
  };
}

function toInboxItem(row: InboxRow) {
  return {
    id: String(row.id),
    transport: row.transport,
    kind: row.kind,
    topic: row.topic,
    status: row.status,
    attempts: row.attempts,
    duplicates: row.duplicates,
    lastError: row.lastError,
    receivedAt: row.receivedAt.toISOString(),
    processedAt: iso(row.processedAt),
  };
}

function toJobRun(row: JobRunRow) {
  return { ...row, id: String(row.id), startedAt: row.startedAt.toISOString(), finishedAt: iso(row.finishedAt) };
}
