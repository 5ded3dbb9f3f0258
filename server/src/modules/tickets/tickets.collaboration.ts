import { dueTimes } from '@dingops/shared/rules/sla';
import { isOpen, raiseForAffected } from '@dingops/shared/rules/ticket-lifecycle';
import type { Level } from '@dingops/shared/tickets';
import type { Db, Executor } from '../../db/client';
import type { AuditContext, AuditService } from '../../platform/audit/audit.service';
import { alreadyAssignee, invalidField, invalidMerge, ownTicketMeToo, ticketNotFound, ticketNotOpen } from './tickets.errors';
import { impactLabels, levelLabels, ticketNumber } from './tickets.labels';
import type { TicketActor, TicketsService } from './tickets.service';
import type { NewTicketRow, TicketRow } from './tickets.table';

interface CollaborationDeps {
  db: Db;
  core: TicketsService;
  audit: AuditService;
  clock: () => Date;
}

interface Acting {
  id: bigint;
  actor: TicketActor;
  context: AuditContext;
}

/** Assigning, 同样问题 and merging duplicates: people working on, or sharing, one fault (rules F3, F4). */
export function createTicketCollaboration({ db, core, audit, clock }: CollaborationDeps) {
  const { repo, notifier } = core;

  /**
   * More people affected may make the fault wider and more serious: returns the changes (with SLA clocks
   * re-run for a raised level) and a note for the timeline, or nothing.
   */
  async function raisedBy(ticket: TicketRow, affectedCount: number, tx: Executor): Promise<{ changes: Partial<NewTicketRow>; note: string } | null> {
    const raised = raiseForAffected({ impact: ticket.impact, urgency: ticket.urgency, level: ticket.level as Level, affectedCount });
    if (raised.impact === ticket.impact && raised.level === ticket.level) return null;
    const clocks = raised.level < ticket.level ? dueTimes({ start: ticket.createdAt, level: raised.level, settings: await core.slaSettings.get(tx) }) : {};
    const levelNote = raised.level !== ticket.level ? `，级别升为${levelLabels[raised.level]}` : '';
    return { changes: { impact: raised.impact, level: raised.level, ...clocks }, note: `${affectedCount} 人受影响，影响范围升为「${impactLabels[raised.impact]}」${levelNote}` };
  }

  return {
    /** Rule F4: IT hands a ticket to an IT person; the new and the previous assignee are told. */
    async assign({ id, actor, context, assigneeId, note }: Acting & { assigneeId: string; note?: string | undefined }): Promise<TicketRow> {
      const assignee = await core.identity.findActiveActor(assigneeId);
      if (!assignee || !(assignee.roles.includes('it_staff') || assignee.roles.includes('it_admin'))) {
        throw invalidField('tickets.invalid_assignee', 'body.assigneeId', 'tickets go to an active IT staff member or IT admin');
      }
      return db.transaction(async (tx) => {
        const before = await core.requireVisible(id, actor, tx);
        if (!isOpen(before.status)) throw ticketNotOpen(before.status);
        if (before.assigneeId === assignee.id) throw alreadyAssignee(assignee.name);
        const now = clock();
        const after = await repo.update(id, { assigneeId: assignee.id, assigneeName: assignee.name, assigneeDingtalkId: assignee.dingtalkUserId, updatedAt: now, ...core.firstResponse(before, actor, 'assignment', now) }, tx);
        const what = before.assigneeName ? `由 ${before.assigneeName} 转派给 ${assignee.name}` : `转派给 ${assignee.name}`;
        await repo.addEvent({ ticketId: id, at: now, actorId: actor.user.id, actorName: actor.user.name, kind: 'assigned', note: note ? `${what}：${note}` : what }, tx);
        await audit.record(context, { action: 'tickets.assigned', target: { type: 'ticket', id: String(id) }, summary: { from: before.assigneeId, to: assignee.id } }, tx);
        await notifier.assigned({ ticket: after, previousDingtalkId: before.assigneeDingtalkId, note: note ?? null }, tx);
        return after;
      });
    },

    /**
     * 同样问题: someone else has the same fault. Only people who may already see the ticket press it (rule
     * S4): a link alone opens nothing, or 同样问题 would be a way into any department's tickets. Pressing
     * again changes nothing.
     */
    async meToo({ id, actor, context }: Acting): Promise<TicketRow> {
      return db.transaction(async (tx) => {
        const before = await core.requireVisible(id, actor, tx);
        if (before.reporterId === actor.user.id) throw ownTicketMeToo();
        if (!isOpen(before.status)) throw ticketNotOpen(before.status);
        const now = clock();
        const added = await repo.addFollower({ ticketId: id, userId: actor.user.id, dingtalkUserId: actor.user.dingtalkUserId, name: actor.user.name, reason: 'me_too', createdAt: now }, tx);
        if (!added) return before;
        const affectedCount = before.affectedCount + 1;
        const raised = await raisedBy(before, affectedCount, tx);
        const after = await repo.update(id, { affectedCount, updatedAt: now, ...raised?.changes }, tx);
        await repo.addEvent({ ticketId: id, at: now, actorId: actor.user.id, actorName: actor.user.name, kind: 'me_too', note: raised ? `也遇到了同样问题；${raised.note}` : '也遇到了同样问题' }, tx);
        await audit.record(context, { action: 'tickets.me_too', target: { type: 'ticket', id: String(id) }, summary: { affectedCount, ...(raised ? { impact: after.impact, level: after.level } : {}) } }, tx);
        await notifier.refreshCard(after, `${id}:affected:${affectedCount}:${now.getTime()}`, tx);
        return after;
      });
    },

    /** Withdrawing a 同样问题; the impact stays as raised (IT may have acted on it). */
    async withdrawMeToo({ id, actor, context }: Acting): Promise<TicketRow> {
      return db.transaction(async (tx) => {
        const before = await core.requireVisible(id, actor, tx);
        if (!isOpen(before.status)) throw ticketNotOpen(before.status);
        if (!(await repo.removeMeToo(id, actor.user.id, tx))) return before;
        const now = clock();
        const after = await repo.update(id, { affectedCount: Math.max(1, before.affectedCount - 1), updatedAt: now }, tx);
        await repo.addEvent({ ticketId: id, at: now, actorId: actor.user.id, actorName: actor.user.name, kind: 'me_too', note: '撤回了同样问题' }, tx);
        await audit.record(context, { action: 'tickets.me_too_withdrawn', target: { type: 'ticket', id: String(id) }, summary: { affectedCount: after.affectedCount } }, tx);
        return after;
      });
    },

    /**
     * A duplicate is cancelled into the ticket that carries the fault; its reporter and followers follow
     * the target from now on. One transaction; rows locked in id order so two merges cannot deadlock.
     */
    async merge({ id, actor, context, intoId, note }: Acting & { intoId: bigint; note?: string | undefined }): Promise<{ duplicate: TicketRow; target: TicketRow }> {
      if (id === intoId) throw invalidMerge('A ticket cannot be merged into itself');
      return db.transaction(async (tx) => {
        const [first, second] = id < intoId ? [id, intoId] : [intoId, id];
        const locked = new Map<bigint, TicketRow | null>([
          [first, await repo.findForUpdate(first, tx)],
          [second, await repo.findForUpdate(second, tx)],
        ]);
        const duplicate = locked.get(id);
        const target = locked.get(intoId);
        if (!duplicate) throw ticketNotFound(String(id));
        if (!target) throw ticketNotFound(String(intoId));
        if (!isOpen(duplicate.status)) throw invalidMerge(`${ticketNumber(id)} is ${duplicate.status}: only open tickets are merged`);
        if (!isOpen(target.status) || target.mergedIntoId) throw invalidMerge(`${ticketNumber(intoId)} is ${target.status}: merge into an open ticket`);

        const now = clock();
        const movers = [
          { userId: duplicate.reporterId, dingtalkUserId: duplicate.reporterDingtalkId, name: duplicate.reporterName },
          ...(await repo.followers(id, tx)),
        ].filter((person) => person.userId !== target.reporterId);
        let added = 0;
        for (const person of movers) {
          const follower = { ticketId: intoId, userId: person.userId, dingtalkUserId: person.dingtalkUserId, name: person.name, reason: 'merged' as const, createdAt: now };
          if (await repo.addFollower(follower, tx)) added += 1;
        }
        const affectedCount = target.affectedCount + added;
        const raised = await raisedBy(target, affectedCount, tx);
        const closedDuplicate = await repo.update(id, { status: 'cancelled', mergedIntoId: intoId, closedAt: now, updatedAt: now, ...core.firstResponse(duplicate, actor, 'transition', now) }, tx);
        const grownTarget = await repo.update(intoId, { affectedCount, updatedAt: now, ...raised?.changes }, tx);

        const base = { at: now, actorId: actor.user.id, actorName: actor.user.name, kind: 'merged' as const, action: 'merge' };
        await repo.addEvent({ ...base, ticketId: id, fromStatus: duplicate.status, toStatus: 'cancelled', note: joinNotes(`与 ${ticketNumber(intoId)} 重复，已合并`, note) }, tx);
        await repo.addEvent({ ...base, ticketId: intoId, note: joinNotes(`${ticketNumber(id)} 合并进来（新增 ${added} 人受影响）`, raised?.note, note) }, tx);
        await audit.record(context, { action: 'tickets.merged', target: { type: 'ticket', id: String(id) }, summary: { into: String(intoId), followersAdded: added, affectedCount } }, tx);
        await notifier.merged({ duplicate: closedDuplicate, target: grownTarget }, tx);
        return { duplicate: closedDuplicate, target: grownTarget };
      });
    },
  };
}

export type TicketCollaboration = ReturnType<typeof createTicketCollaboration>;

const joinNotes = (...notes: (string | null | undefined)[]) => notes.filter(Boolean).join('；');
