import { countsAsResponse, dueTimes, slaReminderDue, slaState, type TicketStep } from '@dingops/shared/rules/sla';
import { allowedActions, assigneeOnlyActions, nextStatus, suggestLevel } from '@dingops/shared/rules/ticket-lifecycle';
import type { CreateTicketBody, Level, ListTicketsQuery, Ticket, TicketDetail, TransitionBody } from '@dingops/shared/tickets';
import type { User } from '@dingops/shared/users';
import type { Db, Executor } from '../../db/client';
import { type AuditContext, type AuditService, systemContext } from '../../platform/audit/audit.service';
import type { IdentityService } from '../../platform/identity/identity.service';
import type { OutboxService } from '../../platform/outbox/outbox.service';
import { beforeIdOf, keysetPage } from '../../platform/pagination/cursor';
import type { KnowledgeContract } from '../knowledge';
import { invalidTransition, notTheAssignee, queueForbidden, ticketNotFound } from './tickets.errors';
import { createTicketNotifier, type NotifierSettings } from './tickets.notifications';
import type { TicketFilter, TicketsRepository } from './tickets.repository';
import type { SlaSettingsService } from './sla-settings.service';
import type { TicketCategoriesService } from './ticket-categories.service';
import type { NewTicketRow, TicketEventRow, TicketRow } from './tickets.table';

interface TicketsDeps {
  db: Db;
  repo: TicketsRepository;
  identity: IdentityService;
  audit: AuditService;
  outbox: OutboxService;
  clock: () => Date;
  settings: NotifierSettings;
  categories: TicketCategoriesService;
  slaSettings: SlaSettingsService;
  /** Publishes a resolution as an article (issue "Knowledge"); app.ts hands it over. */
  knowledge: KnowledgeContract;
}

/** The person acting, with what tickets need to know about them. */
export interface TicketActor {
  user: User;
  isIt: boolean;
}

interface CreateInput {
  body: CreateTicketBody;
  actor: TicketActor;
  context: AuditContext;
  source?: 'miniapp' | 'chat';
  conversationId?: string | null;
  /** Tickets opened from an alert: the alert's level and group, and no check of the category. */
  fromAlert?: { level: Level; alertGroupId: string };
}

interface TransitionInput {
  id: bigint;
  body: TransitionBody;
  actor: TicketActor;
  context: AuditContext;
}

export const ticketActorOf = (user: User): TicketActor => ({ user, isIt: user.roles.includes('it_staff') || user.roles.includes('it_admin') });

export function createTicketsService({ db, repo, identity, audit, outbox, clock, settings, categories, slaSettings, knowledge }: TicketsDeps) {
  const notifier = createTicketNotifier({ outbox, settings, categoryName: (code, tx) => categories.nameOf(code, tx) });

  /** Rule F4: once someone holds a ticket, only they or an IT admin diagnose and resolve it. */
  const worksIt = (row: TicketRow, actor: TicketActor) => !row.assigneeId || row.assigneeId === actor.user.id || actor.user.roles.includes('it_admin');

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

  /** Issue "Knowledge": the fix becomes an article in the same transaction, or nothing is saved. */
  async function publishResolution(ticket: TicketRow, actor: TicketActor, context: AuditContext, tx: Executor) {
    return knowledge.publishFromTicket(
      { ticketId: ticket.id, title: ticket.title, symptom: ticket.description, cause: ticket.cause, resolution: ticket.resolution ?? '', category: ticket.category, author: { id: actor.user.id, name: actor.user.name } },
      tx,
      context,
    );
  }

  /** Rule F4: the response clock stops at IT's first response (see `countsAsResponse`); later steps leave it. */
  function firstResponse(ticket: TicketRow, actor: TicketActor, step: TicketStep, now: Date): { respondedAt?: Date } {
    return !ticket.respondedAt && countsAsResponse({ step, byIt: actor.isIt, byReporter: ticket.reporterId === actor.user.id }) ? { respondedAt: now } : {};
  }

  /** A single ticket for a response, with `affectedMe` looked up. */
  async function ticketFor(row: TicketRow, actor: TicketActor): Promise<Ticket> {
    return toTicket(row, actor, await repo.isFollower(row.id, actor.user.id));
  }

  return {
    toTicket,
    ticketFor,
    firstResponse,
    canSee,
    requireVisible,
    repo,
    categories,
    slaSettings,

    /** Rule F3/R5: a report with time, symptom and scope; IT is told at once (F4). */
    create(input: CreateInput): Promise<TicketRow> {
      return db.transaction((tx) => this.createInTransaction(input, tx));
    },

    async createInTransaction({ body, actor, context, source = 'miniapp', conversationId = null, fromAlert }: CreateInput, tx: Executor): Promise<TicketRow> {
      // People pick from the tree; chat reports (always 其他) and alert tickets (监控告警) name theirs in code.
      if (source === 'miniapp' && !fromAlert) await categories.requireActive(body.category, tx);
      const now = clock();
      const level = fromAlert?.level ?? suggestLevel(body);
      const main = actor.user.departments.find((department) => department.id !== 1) ?? actor.user.departments[0];
      const values: NewTicketRow = {
        title: body.title,
        category: body.category,
        description: body.description,
        steps: body.steps ?? null,
        impact: body.impact,
        urgency: body.urgency,
        level,
        status: 'reported',
        source,
        reporterId: actor.user.id,
        reporterName: actor.user.name,
        reporterDingtalkId: actor.user.dingtalkUserId,
        reporterDepartment: main?.name ?? null,
        reporterDepartmentIds: actor.user.departments.map((department) => department.id),
        contact: body.contact ?? null,
        conversationId,
        startedAt: body.startedAt ? new Date(body.startedAt) : now,
        createdAt: now,
        updatedAt: now,
        ...dueTimes({ start: now, level, settings: await slaSettings.get(tx) }),
        alertGroupId: fromAlert?.alertGroupId ?? null,
      };
      const row = await repo.insert(values, tx);
      await repo.addEvent({ ticketId: row.id, at: now, actorId: actor.user.id, actorName: actor.user.name, kind: 'created', toStatus: 'reported', note: null }, tx);
      await audit.record(context, { action: 'tickets.created', target: { type: 'ticket', id: String(row.id) }, summary: { level, category: body.category, impact: body.impact, source } }, tx);
      await notifier.created(row, tx);
      return row;
    },

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

    /** Rules F4–F6: every step records who, when and a note; the reporter and the IT group hear of it. */
    transition(input: TransitionInput): Promise<TicketRow> {
      return db.transaction((tx) => this.transitionInTransaction(input, tx));
    },

    async transitionInTransaction({ id, body, actor, context }: TransitionInput, tx: Executor): Promise<TicketRow> {
      {
        const before = await requireVisible(id, actor, tx);
        const to = nextStatus(before.status, body.action);
        const permitted = allowedActions({ status: before.status, isIt: actor.isIt, isReporter: before.reporterId === actor.user.id });
        if (!to || !permitted.includes(body.action)) throw invalidTransition({ from: before.status, action: body.action });
        if (assigneeOnlyActions.includes(body.action) && !worksIt(before, actor)) throw notTheAssignee({ action: body.action, assignee: before.assigneeName ?? 'someone else' });
        const now = clock();
        const takesIt = body.action === 'accept' || (actor.isIt && !before.assigneeId && body.action !== 'cancel');
        const after = await repo.update(
          id,
          {
            status: to,
            updatedAt: now,
            ...(takesIt ? { assigneeId: actor.user.id, assigneeName: actor.user.name, assigneeDingtalkId: actor.user.dingtalkUserId } : {}),
            ...firstResponse(before, actor, 'transition', now),
            ...(body.action === 'resolve' ? { resolvedAt: now, cause: body.cause ?? before.cause, resolution: body.resolution ?? null, ...faultRecordOnResolve(body) } : {}),
            ...(body.action === 'reopen' ? { resolvedAt: null } : {}),
            ...(to === 'closed' || to === 'cancelled' ? { closedAt: now } : {}),
          },
          tx,
        );
        await repo.addEvent({ ticketId: id, at: now, actorId: actor.user.id, actorName: actor.user.name, kind: 'transition', action: body.action, fromStatus: before.status, toStatus: to, note: body.note ?? body.resolution ?? null }, tx);
        const article = body.action === 'resolve' && body.publishArticle ? await publishResolution(after, actor, context, tx) : null;
        await audit.record(context, { action: `tickets.${body.action}`, target: { type: 'ticket', id: String(id) }, summary: { from: before.status, to, ...(article ? { articleId: String(article.id) } : {}) } }, tx);
        await notifier.changed({ before, after, actor: actor.user, note: body.note ?? null, followers: await repo.followers(id, tx) }, tx);
        if (to === 'closed') await notifier.closed(after, tx);
        return after;
      }
    },

    async comment({ id, note, actor, context }: { id: bigint; note: string; actor: TicketActor; context: AuditContext }): Promise<TicketDetail> {
      const row = await db.transaction(async (tx) => {
        const ticket = await requireVisible(id, actor, tx);
        const now = clock();
        const responded = firstResponse(ticket, actor, 'comment', now);
        const after = responded.respondedAt ? await repo.update(id, responded, tx) : ticket;
        await repo.addEvent({ ticketId: id, at: now, actorId: actor.user.id, actorName: actor.user.name, kind: 'comment', note }, tx);
        await audit.record(context, { action: 'tickets.commented', target: { type: 'ticket', id: String(id) } }, tx);
        return after;
      });
      return detailOf(row, actor);
    },

    detailOf,
    identity,
    notifier,

    /** Resolved tickets the reporter did not confirm within the configured days close themselves. */
    async autoCloseResolved({ olderThanDays }: { olderThanDays: number }): Promise<number> {
      const now = clock();
      const stale = await repo.listResolvedBefore(new Date(now.getTime() - olderThanDays * 86_400_000), 200);
      for (const ticket of stale) {
        await db.transaction(async (tx) => {
          const before = await repo.findForUpdate(ticket.id, tx);
          if (!before || before.status !== 'resolved') return;
          const after = await repo.update(ticket.id, { status: 'closed', closedAt: now, updatedAt: now }, tx);
          const note = `${olderThanDays} 天内未确认，自动关闭`;
          await repo.addEvent({ ticketId: ticket.id, at: now, actorId: null, actorName: 'DingOps', kind: 'transition', action: 'close', fromStatus: 'resolved', toStatus: 'closed', note }, tx);
          await audit.record(systemContext, { action: 'tickets.auto_closed', target: { type: 'ticket', id: String(ticket.id) }, summary: { olderThanDays } }, tx);
          await notifier.changed({ before, after, actor: null, note, followers: await repo.followers(ticket.id, tx) }, tx);
          await notifier.closed(after, tx);
        });
      }
      return stale.length;
    },

    /**
     * Rule P3 on both clocks: a ticket nobody responded to is brought to the IT group, then the IT lead; one
     * whose resolution runs out to the assignee, then the IT lead. Returns how many reminders went out.
     */
    async sweepSla(): Promise<number> {
      const now = clock();
      const candidates = await repo.listSlaCandidates(now, 200);
      if (candidates.length === 0) return 0;
      const itAdminIds = (await identity.listUsers({ role: 'it_admin', limit: 50 })).items.map((user) => user.dingtalkUserId);
      let reminded = 0;
      for (const ticket of candidates) {
        const response = slaReminderDue({ startedAt: ticket.createdAt, dueAt: ticket.responseDueAt, doneAt: ticket.respondedAt, now, sentStage: ticket.responseAlertStage });
        const resolution = slaReminderDue({ startedAt: ticket.createdAt, dueAt: ticket.resolutionDueAt, doneAt: null, now, sentStage: ticket.slaAlertStage });
        if (!response && !resolution) continue;
        await db.transaction(async (tx) => {
          await repo.update(ticket.id, { ...(response ? { responseAlertStage: response } : {}), ...(resolution ? { slaAlertStage: resolution } : {}) }, tx);
          if (response) await notifier.slaReminder({ ticket, clock: 'response', stage: response, itAdminIds }, tx);
          if (resolution) await notifier.slaReminder({ ticket, clock: 'resolution', stage: resolution, itAdminIds }, tx);
        });
        reminded += (response ? 1 : 0) + (resolution ? 1 : 0);
      }
      return reminded;
    },

    /** The reporter's tap on the rating card; the first rating counts. */
    async rateFromCard({ id, reporterDingtalkId, score }: { id: bigint; reporterDingtalkId: string; score: number }, tx: Executor): Promise<boolean> {
      const ticket = await repo.findForUpdate(id, tx);
      if (!ticket || ticket.reporterDingtalkId !== reporterDingtalkId || ticket.satisfaction !== null || !(score >= 1 && score <= 5)) return false;
      const after = await repo.update(id, { satisfaction: score }, tx);
      await repo.addEvent({ ticketId: id, at: clock(), actorId: ticket.reporterId, actorName: ticket.reporterName, kind: 'comment', note: `评分 ${score} 星` }, tx);
      await audit.record({ ...systemContext, actorId: ticket.reporterId, actorName: ticket.reporterName }, { action: 'tickets.rated', target: { type: 'ticket', id: String(id) }, summary: { score } }, tx);
      await notifier.rated(after, tx);
      return true;
    },
  };
}

export type TicketsService = ReturnType<typeof createTicketsService>;

/** Rule F6: the resolve step may carry the rest of the fault record. */
function faultRecordOnResolve(body: TransitionBody): Partial<NewTicketRow> {
  return {
    ...(body.causeCategory ? { causeCategory: body.causeCategory } : {}),
    ...(body.actionsTaken ? { actionsTaken: body.actionsTaken } : {}),
    ...(body.timeSpentMinutes !== undefined ? { timeSpentMinutes: body.timeSpentMinutes } : {}),
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
