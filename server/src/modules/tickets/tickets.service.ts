import { countsAsResponse, dueTimes, type TicketStep } from '@dingops/shared/rules/sla';
import { allowedActions, assigneeOnlyActions, nextStatus, suggestLevel } from '@dingops/shared/rules/ticket-lifecycle';
import type { CreateTicketBody, Level, TicketDetail, TransitionBody } from '@dingops/shared/tickets';
import type { User } from '@dingops/shared/users';
import type { Db, Executor } from '../../db/client';
import { type AuditContext, type AuditService, systemContext } from '../../platform/audit/audit.service';
import type { IdentityService } from '../../platform/identity/identity.service';
import type { OutboxService } from '../../platform/outbox/outbox.service';
import type { KnowledgeContract } from '../knowledge';
import { invalidTransition, notTheAssignee } from './tickets.errors';
import { createTicketNotifier } from './tickets.notifications';
import type { NotifierSettings } from './tickets.notifications.types';
import type { TicketsRepository } from './tickets.repository';
import { createTicketSweeps } from './tickets.sweeps';
import { createTicketViews } from './tickets.views';
import type { SlaSettingsService } from './settings/sla-settings.service';
import type { TicketCategoriesService } from './settings/ticket-categories.service';
import type { NewTicketRow, TicketRow } from './tickets.table';
import { type TicketActor, worksIt } from './tickets.actor';

export type { TicketActor } from './tickets.actor';

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
  const views = createTicketViews({ repo, audit, clock });
  const { requireVisible, detailOf } = views;

  return {
    ...views,
    firstResponse,
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
        const article = body.action === 'resolve' && body.publishArticle ? await publishResolution(knowledge, { ticket: after, actor, context }, tx) : null;
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

    identity,
    notifier,
    ...createTicketSweeps({ db, repo, identity, audit, clock, notifier }),

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

/** Rule F4: the response clock stops at IT's first response (see `countsAsResponse`); later steps leave it. */
function firstResponse(ticket: TicketRow, actor: TicketActor, step: TicketStep, now: Date): { respondedAt?: Date } {
  return !ticket.respondedAt && countsAsResponse({ step, byIt: actor.isIt, byReporter: ticket.reporterId === actor.user.id }) ? { respondedAt: now } : {};
}

/** Issue "Knowledge": the fix becomes an article in the same transaction, or nothing is saved. */
function publishResolution(knowledge: KnowledgeContract, { ticket, actor, context }: { ticket: TicketRow; actor: TicketActor; context: AuditContext }, tx: Executor) {
  return knowledge.publishFromTicket(
    { ticketId: ticket.id, title: ticket.title, symptom: ticket.description, cause: ticket.cause, resolution: ticket.resolution ?? '', category: ticket.category, author: { id: actor.user.id, name: actor.user.name } },
    tx,
    context,
  );
}

/** Rule F6: the resolve step may carry the rest of the fault record. */
function faultRecordOnResolve(body: TransitionBody): Partial<NewTicketRow> {
  return {
    ...(body.causeCategory ? { causeCategory: body.causeCategory } : {}),
    ...(body.actionsTaken ? { actionsTaken: body.actionsTaken } : {}),
    ...(body.timeSpentMinutes !== undefined ? { timeSpentMinutes: body.timeSpentMinutes } : {}),
  };
}

