import type { User } from '@dingops/shared/users';
import type { Executor } from '../../db/client';
import type { OutboxService } from '../../platform/outbox/outbox.service';
import { createTicketCardNotices } from './tickets.card-notices';
import { assignmentNotification, chatReply, mergedNotification, statusNotification } from './tickets.cards';
import { createSlaReminders } from './tickets.sla-reminders';
import type { CategoryNameOf, NotifierSettings } from './tickets.notifications.types';
import type { TicketFollowerRow, TicketRow } from './tickets.table';

/** Everything tickets tell DingTalk goes through the outbox, in the transaction of the change. */
export function createTicketNotifier({ outbox, settings, categoryName }: { outbox: OutboxService; settings: NotifierSettings; categoryName: CategoryNameOf }) {
  const cards = createTicketCardNotices({ outbox, settings, categoryName });

  async function notifyPerson(tx: Executor, { userId, ticket, key, note }: { userId: string; ticket: TicketRow; key: string; note: string | null }) {
    await outbox.enqueue(tx, {
      kind: 'dingtalk.work_notification',
      payload: { userIds: [userId], msg: statusNotification(ticket, settings.publicUrl, note) },
      idempotencyKey: key,
      priority: ticket.level === 1 ? 2 : 5,
      source: `tickets:${ticket.id}`,
    });
  }

  return {
    refreshCard: cards.refreshCard,
    closed: cards.closed,
    rated: cards.rated,
    slaReminder: createSlaReminders({ outbox, settings }).slaReminder,

    async created(ticket: TicketRow, tx: Executor) {
      await notifyPerson(tx, { userId: ticket.reporterDingtalkId, ticket, key: `ticket:${ticket.id}:created:reporter`, note: null });
      await cards.createGroupCard(ticket, tx);
    },

    /**
     * The reporter and the followers (同样问题) hear of IT's steps; the assignee hears of the reporter's
     * (confirm, reopen, withdraw).
     */
    async changed({ before, after, actor, note, followers = [] }: { before: TicketRow; after: TicketRow; actor: User | null; note: string | null; followers?: TicketFollowerRow[] }, tx: Executor) {
      const stamp = `${after.id}:${before.status}->${after.status}:${after.updatedAt.getTime()}`;
      const recipient = actor?.id === after.reporterId ? after.assigneeDingtalkId : after.reporterDingtalkId;
      if (recipient) await notifyPerson(tx, { userId: recipient, ticket: after, key: `ticket:${stamp}:notify`, note });
      for (const follower of followers) {
        if (follower.userId === actor?.id || follower.dingtalkUserId === recipient) continue;
        await notifyPerson(tx, { userId: follower.dingtalkUserId, ticket: after, key: `ticket:${stamp}:notify:${follower.userId}`, note });
      }
      await cards.refreshCard(after, `${stamp}:card`, tx);
    },

    /** Rule F4: the new assignee gets the work; the previous one learns it moved on. */
    async assigned({ ticket, previousDingtalkId, note }: { ticket: TicketRow; previousDingtalkId: string | null; note: string | null }, tx: Executor) {
      const stamp = `${ticket.id}:assigned:${ticket.assigneeId}:${ticket.updatedAt.getTime()}`;
      const name = await categoryName(ticket.category, tx);
      const send = (userId: string, handedTo: 'you' | 'someone_else', key: string) =>
        outbox.enqueue(tx, {
          kind: 'dingtalk.work_notification',
          payload: { userIds: [userId], msg: assignmentNotification(ticket, settings.publicUrl, { handedTo, categoryName: name, note }) },
          idempotencyKey: `ticket:${stamp}:${key}`,
          priority: ticket.level === 1 ? 2 : 5,
          source: `tickets:${ticket.id}`,
        });
      if (ticket.assigneeDingtalkId) await send(ticket.assigneeDingtalkId, 'you', 'to');
      if (previousDingtalkId && previousDingtalkId !== ticket.assigneeDingtalkId) await send(previousDingtalkId, 'someone_else', 'from');
      await cards.refreshCard(ticket, `${stamp}:card`, tx);
    },

    /** The duplicate's reporter is told which ticket carries their fault now. */
    async merged({ duplicate, target }: { duplicate: TicketRow; target: TicketRow }, tx: Executor) {
      await outbox.enqueue(tx, {
        kind: 'dingtalk.work_notification',
        payload: { userIds: [duplicate.reporterDingtalkId], msg: mergedNotification(duplicate, target, settings.publicUrl) },
        idempotencyKey: `ticket:${duplicate.id}:merged`,
        priority: 5,
        source: `tickets:${duplicate.id}`,
      });
      await cards.refreshCard(duplicate, `${duplicate.id}:merged:card`, tx);
      await cards.refreshCard(target, `${target.id}:merged-in:${duplicate.id}:card`, tx);
    },

    /** The robot answers in the chat the fault was reported in. */
    async repliedInChat({ ticket, conversationType, senderDingtalkId }: { ticket: TicketRow; conversationType: 'group' | 'single'; senderDingtalkId: string }, tx: Executor) {
      const msgParam = chatReply(ticket, settings.publicUrl);
      if (conversationType === 'group' && ticket.conversationId) {
        await outbox.enqueue(tx, {
          kind: 'dingtalk.group_message',
          payload: { robotCode: settings.robotCode, openConversationId: ticket.conversationId, msgKey: 'sampleActionCard', msgParam },
          idempotencyKey: `ticket:${ticket.id}:chat-reply`,
          rateKey: `robot:${settings.robotCode}`,
          priority: 3,
          source: `tickets:${ticket.id}`,
        });
      } else {
        await outbox.enqueue(tx, {
          kind: 'dingtalk.robot_direct',
          payload: { robotCode: settings.robotCode, userIds: [senderDingtalkId], msgKey: 'sampleActionCard', msgParam },
          idempotencyKey: `ticket:${ticket.id}:chat-reply`,
          priority: 3,
          source: `tickets:${ticket.id}`,
        });
      }
    },
  };
}

export type TicketNotifier = ReturnType<typeof createTicketNotifier>;
