import type { Executor } from '../../db/client';
import type { OutboxService } from '../../platform/outbox/outbox.service';
import { responseDueSoonInGroup, type SlaClock, slaReminder } from './tickets.cards';
import type { NotifierSettings } from './tickets.notifications.types';
import type { TicketRow } from './tickets.table';

/** Rule P3: who hears that a ticket's response or resolution clock runs out. */
export function createSlaReminders({ outbox, settings }: { outbox: OutboxService; settings: NotifierSettings }) {
  return {
    /**
     * SLA reminders, each once (idempotency keys per ticket, clock and stage). Resolution: stage 1 to the
     * assignee (or the IT admins when nobody has it), stage 2 to both. Response: stage 1 to the IT on-call
     * group, where whoever is free can take it (the IT admins when no group is configured); stage 2
     * escalates to the IT admins.
     */
    async slaReminder({ ticket, clock, stage, itAdminIds }: { ticket: TicketRow; clock: SlaClock; stage: 1 | 2; itAdminIds: string[] }, tx: Executor) {
      const key = clock === 'resolution' ? `ticket:${ticket.id}:sla:${stage}` : `ticket:${ticket.id}:response-sla:${stage}`;
      const priority = ticket.level === 1 ? 1 : 3;
      if (clock === 'response' && stage === 1 && settings.itGroupId) {
        await outbox.enqueue(tx, {
          kind: 'dingtalk.group_message',
          payload: { robotCode: settings.robotCode, openConversationId: settings.itGroupId, msgKey: 'sampleActionCard', msgParam: responseDueSoonInGroup(ticket, settings.publicUrl) },
          idempotencyKey: key,
          rateKey: `robot:${settings.robotCode}`,
          priority,
          source: `tickets:${ticket.id}`,
        });
        return;
      }
      const people = new Set<string>();
      if (ticket.assigneeDingtalkId) people.add(ticket.assigneeDingtalkId);
      if (stage === 2 || !ticket.assigneeDingtalkId) itAdminIds.forEach((id) => people.add(id));
      if (people.size === 0) return;
      await outbox.enqueue(tx, {
        kind: 'dingtalk.work_notification',
        payload: { userIds: [...people], msg: slaReminder(ticket, settings.publicUrl, { clock, stage }) },
        idempotencyKey: key,
        priority,
        source: `tickets:${ticket.id}`,
      });
    },
  };
}
