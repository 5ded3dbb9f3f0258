import { slaReminderDue } from '@dingops/shared/rules/sla';
import type { Db } from '../../db/client';
import { type AuditService, systemContext } from '../../platform/audit/audit.service';
import type { IdentityService } from '../../platform/identity/identity.service';
import type { TicketNotifier } from './tickets.notifications';
import type { TicketsRepository } from './tickets.repository';

/** What the scheduled jobs run (tickets.jobs.ts): resolved tickets closing themselves, and SLA reminders. */
export function createTicketSweeps({ db, repo, identity, audit, clock, notifier }: { db: Db; repo: TicketsRepository; identity: IdentityService; audit: AuditService; clock: () => Date; notifier: TicketNotifier }) {
  return {
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
  };
}
