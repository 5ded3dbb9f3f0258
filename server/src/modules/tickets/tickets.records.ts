import type { FaultRecordBody, Level } from '@dingops/shared/tickets';
import type { User } from '@dingops/shared/users';
import type { Db, Executor } from '../../db/client';
import type { AuditContext, AuditService } from '../../platform/audit/audit.service';
import { recordOfCancelled } from './tickets.errors';
import { monitoringCategory, ticketNumber } from './tickets.labels';
import { type TicketsService, ticketActorOf, type TicketActor } from './tickets.service';
import type { NewTicketRow, TicketRow } from './tickets.table';

interface RecordsDeps {
  db: Db;
  core: TicketsService;
  audit: AuditService;
  clock: () => Date;
}

/** What the alerts module hands over when someone turns an alert group into a ticket. */
export interface TicketFromAlert {
  alertGroupId: string;
  title: string;
  description: string;
  level: Level;
  /** The person who pressed “create ticket”: they are its reporter. */
  actor: User;
}

/** An alert's level read back as the reporter's impact and urgency, so the matrix gives the same level (rule F2). */
const scopeOfAlertLevel = { 1: { impact: 'company', urgency: 'high' }, 2: { impact: 'department', urgency: 'medium' }, 3: { impact: 'team', urgency: 'low' } } as const;

const recordFieldNames: Record<keyof FaultRecordBody, string> = { causeCategory: '原因分类', cause: '原因', actionsTaken: '处理措施', resolution: '处理结果', timeSpentMinutes: '耗时' };

/** The fault record (rule F6), alert links, and tickets opened from alerts. */
export function createTicketRecords({ db, core, audit, clock }: RecordsDeps) {
  const { repo } = core;

  return {
    /** Rule F6: IT completes the record (cause, actions, result, time) while the ticket is worked or after. */
    async updateFaultRecord({ id, body, actor, context }: { id: bigint; body: FaultRecordBody; actor: TicketActor; context: AuditContext }): Promise<TicketRow> {
      return db.transaction(async (tx) => {
        const before = await core.requireVisible(id, actor, tx);
        if (before.status === 'cancelled') throw recordOfCancelled();
        const changes: Partial<NewTicketRow> = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
        const fields = Object.keys(changes) as (keyof FaultRecordBody)[];
        if (fields.length === 0) return before;
        const now = clock();
        const after = await repo.update(id, { ...changes, updatedAt: now }, tx);
        await repo.addEvent({ ticketId: id, at: now, actorId: actor.user.id, actorName: actor.user.name, kind: 'record_updated', note: `更新了故障记录：${fields.map((field) => recordFieldNames[field]).join('、')}` }, tx);
        await audit.record(context, { action: 'tickets.record_updated', target: { type: 'ticket', id: String(id) }, summary: { fields } }, tx);
        return after;
      });
    },

    /** Links a ticket to an alert group (or unlinks it with null); the timeline says so. */
    async linkAlertGroup({ id, alertGroupId, actor, context }: { id: bigint; alertGroupId: string | null; actor: TicketActor; context: AuditContext }, tx?: Executor): Promise<TicketRow> {
      const run = async (executor: Executor) => {
        const before = await core.requireVisible(id, actor, executor);
        if (before.alertGroupId === alertGroupId) return before;
        const now = clock();
        const after = await repo.update(id, { alertGroupId, updatedAt: now }, executor);
        const note = alertGroupId ? `关联告警组 ${alertGroupId}` : `取消关联告警组 ${before.alertGroupId}`;
        await repo.addEvent({ ticketId: id, at: now, actorId: actor.user.id, actorName: actor.user.name, kind: 'linked', note }, executor);
        await audit.record(context, { action: 'tickets.alert_linked', target: { type: 'ticket', id: String(id) }, summary: { from: before.alertGroupId, to: alertGroupId } }, executor);
        return after;
      };
      return tx ? run(tx) : db.transaction(run);
    },

    /** For the alerts module: a ticket in the monitoring category, in the caller's transaction. */
    async createFromAlert(input: TicketFromAlert, tx: Executor, context: AuditContext): Promise<{ id: bigint; number: string }> {
      const scope = scopeOfAlertLevel[input.level];
      const row = await core.createInTransaction(
        {
          body: { category: monitoringCategory.code, title: input.title.slice(0, 100), description: input.description.slice(0, 4000) || input.title, impact: scope.impact, urgency: scope.urgency },
          actor: ticketActorOf(input.actor),
          context,
          fromAlert: { level: input.level, alertGroupId: input.alertGroupId },
        },
        tx,
      );
      await repo.addEvent({ ticketId: row.id, at: clock(), actorId: input.actor.id, actorName: input.actor.name, kind: 'linked', note: `由告警组 ${input.alertGroupId} 创建` }, tx);
      return { id: row.id, number: ticketNumber(row.id) };
    },
  };
}

export type TicketRecords = ReturnType<typeof createTicketRecords>;
