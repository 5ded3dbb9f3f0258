import { slaState } from '@dingops/shared/rules/sla';
import { allowedActions } from '@dingops/shared/rules/ticket-lifecycle';
import type { Level, ListTicketsQuery, Ticket, TicketDetail } from '@dingops/shared/tickets';
import type { Executor } from '../../db/client';
import type { AuditContext, AuditService } from '../../platform/audit/audit.service';
import { beforeIdOf, keysetPage } from '../../platform/pagination/cursor';
import { queueForbidden, ticketNotFound } from './tickets.errors';
import type { TicketFilter, TicketsRepository } from './tickets.repository';
import { type TicketActor, worksIt } from './tickets.actor';
import type { TicketEventRow, TicketRow } from './tickets.table';

/** How a person reads tickets: the API shape of a row, who may see it (by role, department or following), the list and the detail. */
export function createTicketViews({ repo, audit, clock }: { repo: TicketsRepository; audit: AuditService; clock: () => Date }) {
  function toTicket(row: TicketRow, actor: TicketActor, affectedMe = false): Ticket {
    const now = clock();
    return {
      id: String(row.id),
      number: `GZ-${String(row.id).padStart(6, '0')}`,
      title: row.title,
      category: row.category as Ticket['category'],
      description: row.description,
      steps: row.steps,
      impact: row.impact,
      urgency: row.urgency,
      level: row.level as Level,
      status: row.status,
      source: row.source,
      reporter: { id: row.reporterId, name: row.reporterName, department: row.reporterDepartment },
      assignee: row.assigneeId && row.assigneeName ? { id: row.assigneeId, name: row.assigneeName } : null,
      contact: row.contact,
      startedAt: row.startedAt.toISOString(),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      responseDueAt: row.responseDueAt.toISOString(),
      resolutionDueAt: row.resolutionDueAt.toISOString(),
      responseSla: slaState({ startedAt: row.createdAt, dueAt: row.responseDueAt, doneAt: row.respondedAt, now }),
      resolutionSla: slaState({ startedAt: row.createdAt, dueAt: row.resolutionDueAt, doneAt: row.resolvedAt, now }),
      cause: row.cause,
      resolution: row.resolution,
      causeCategory: row.causeCategory as Ticket['causeCategory'],
      actionsTaken: row.actionsTaken as Ticket['actionsTaken'],
      timeSpentMinutes: row.timeSpentMinutes,
      affectedCount: row.affectedCount,
      affectedMe,
      mergedInto: row.mergedIntoId ? { id: String(row.mergedIntoId), number: `GZ-${String(row.mergedIntoId).padStart(6, '0')}` } : null,
      alertGroupId: row.alertGroupId,
      allowedActions: allowedActions({ status: row.status, isIt: actor.isIt, isReporter: row.reporterId === actor.user.id, worksIt: worksIt(row, actor) }),
    };
  }

  function canSee(row: TicketRow, actor: TicketActor): boolean {
    if (actor.isIt || row.reporterId === actor.user.id) return true;
    const mine = new Set(actor.user.departments.map((department) => department.id));
    return row.impact !== 'self' && row.reporterDepartmentIds.some((id) => mine.has(id));
  }

  /** Visible by role or department, or because the person follows it (同样问题, merged duplicate). */
  async function requireVisible(id: bigint, actor: TicketActor, tx?: Executor): Promise<TicketRow> {
    const row = tx ? await repo.findForUpdate(id, tx) : await repo.findById(id);
    if (!row || !(canSee(row, actor) || (await repo.isFollower(id, actor.user.id, tx)))) throw ticketNotFound(String(id));
    return row;
  }

  async function detailOf(row: TicketRow, actor: TicketActor): Promise<TicketDetail> {
    const [events, attachments, affectedMe] = await Promise.all([repo.timeline(row.id), repo.listAttachments(row.id), repo.isFollower(row.id, actor.user.id)]);
    return {
      ...toTicket(row, actor, affectedMe),
      timeline: events.map(toEvent),
      attachments: attachments.map((file) => ({ ...file, id: String(file.id), createdAt: file.createdAt.toISOString(), url: `/api/v1/tickets/${row.id}/attachments/${file.id}` })),
    };
  }

  /** A single ticket for a response, with `affectedMe` looked up. */
  async function ticketFor(row: TicketRow, actor: TicketActor): Promise<Ticket> {
    return toTicket(row, actor, await repo.isFollower(row.id, actor.user.id));
  }

  return {
    toTicket,
    ticketFor,
    canSee,
    requireVisible,
    detailOf,

    async list({ query, actor }: { query: ListTicketsQuery; actor: TicketActor }): Promise<{ items: Ticket[]; nextCursor: string | null }> {
      if (query.view !== 'mine' && !actor.isIt) throw queueForbidden(query.view);
      const filter: TicketFilter = {
        ...(query.view === 'mine' ? { reportedOrFollowedBy: actor.user.id } : {}),
        ...(query.assigneeId ? { assigneeId: query.assigneeId } : {}),
        ...(query.alertGroupId ? { alertGroupId: query.alertGroupId } : {}),
        ...(query.view === 'assigned' ? { assigneeId: actor.user.id } : {}),
        ...(query.view === 'unassigned' ? { unassigned: true } : {}),
        ...(query.status ? { statuses: query.status } : {}),
        ...(query.level ? { level: query.level } : {}),
        ...(query.category ? { category: query.category } : {}),
        ...(query.overdue ? { overdueAt: clock() } : {}),
      };
      const rows = await repo.list({ filter, beforeId: beforeIdOf(query.cursor), limit: query.limit + 1 });
      const page = keysetPage(rows, query.limit, (row) => [String(row.id)]);
      const followed = await repo.followedAmong(actor.user.id, page.items.map((row) => row.id));
      return { items: page.items.map((row) => toTicket(row, actor, followed.has(row.id))), nextCursor: page.nextCursor };
    },

    async get({ id, actor, context }: { id: bigint; actor: TicketActor; context: AuditContext }): Promise<TicketDetail> {
      const row = await requireVisible(id, actor);
      // Rule S4: reading someone else's report is an access to their data.
      if (row.reporterId !== actor.user.id) await audit.record(context, { action: 'tickets.read', target: { type: 'ticket', id: String(id) } });
      return detailOf(row, actor);
    },
  };
}

function toEvent(row: TicketEventRow) {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actor: { id: row.actorId, name: row.actorName },
    kind: row.kind,
    action: row.action,
    fromStatus: row.fromStatus as TicketDetail['status'] | null,
    toStatus: row.toStatus as TicketDetail['status'] | null,
    note: row.note,
  };
}
