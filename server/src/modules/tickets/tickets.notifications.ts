import type { User } from '@dingops/shared/users';
import type { Executor } from '../../db/client';
import type { OutboxService } from '../../platform/outbox/outbox.service';
import { assignmentNotification, chatReply, mergedNotification, ratingCardId, ratingCardParams, responseDueSoonInGroup, type SlaClock, slaReminder, statusNotification, ticketCardId, ticketCardParams } from './tickets.cards';
import type { TicketFollowerRow } from './tickets.table';
import type { TicketRow } from './tickets.table';

export interface NotifierSettings {
  publicUrl: string;
  /** The enterprise robot (an internal app's robotCode is its AppKey). */
  robotCode: string;
  /** The IT on-call group that gets a card for each new level-1/2 ticket; null to send none. */
  itGroupId: string | null;
  /** Null when no card template is configured: then no cards, only messages. */
  cardTemplateId: string | null;
}

/** Everything tickets tell DingTalk goes through the outbox, in the transaction of the change. */
/** The category's Chinese name from the tree IT edits. */
export type CategoryNameOf = (code: string, tx: Executor) => Promise<string>;

export function createTicketNotifier({ outbox, settings, categoryName }: { outbox: OutboxService; settings: NotifierSettings; categoryName: CategoryNameOf }) {
  const hasCard = (ticket: TicketRow) => ticket.level <= 2 && settings.itGroupId !== null && settings.cardTemplateId !== null;

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
    async created(ticket: TicketRow, tx: Executor) {
      await notifyPerson(tx, { userId: ticket.reporterDingtalkId, ticket, key: `ticket:${ticket.id}:created:reporter`, note: null });
      if (hasCard(ticket)) {
        await outbox.enqueue(tx, {
          kind: 'dingtalk.card_create',
          payload: {
            outTrackId: ticketCardId(ticket.id),
            cardTemplateId: settings.cardTemplateId!,
            cardParamMap: ticketCardParams(ticket, await categoryName(ticket.category, tx)),
            openSpaceId: `dtv1.card//IM_GROUP.${settings.itGroupId}`,
            robotCode: settings.robotCode,
            callbackType: 'STREAM',
          },
          idempotencyKey: `ticket:${ticket.id}:card`,
          orderingKey: ticketCardId(ticket.id),
          priority: ticket.level === 1 ? 1 : 3,
          source: `tickets:${ticket.id}`,
        });
      }
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
      await this.refreshCard(after, `${stamp}:card`, tx);
    },

    /** The IT group's card shows the ticket as it is now (status, assignee, people affected). */
    async refreshCard(ticket: TicketRow, stamp: string, tx: Executor) {
      if (!hasCard(ticket)) return;
      await outbox.enqueue(tx, {
        kind: 'dingtalk.card_update',
        payload: { outTrackId: ticketCardId(ticket.id), cardParamMap: ticketCardParams(ticket, await categoryName(ticket.category, tx)) },
        idempotencyKey: `ticket:${stamp}`,
        orderingKey: ticketCardId(ticket.id),
        priority: ticket.level === 1 ? 1 : 3,
        source: `tickets:${ticket.id}`,
      });
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
      await this.refreshCard(ticket, `${stamp}:card`, tx);
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
      await this.refreshCard(duplicate, `${duplicate.id}:merged:card`, tx);
      await this.refreshCard(target, `${target.id}:merged-in:${duplicate.id}:card`, tx);
    },

    /** On close the reporter gets a one-tap rating card in their chat with the robot. */
    async closed(ticket: TicketRow, tx: Executor) {
      if (settings.cardTemplateId === null) return;
      await outbox.enqueue(tx, {
        kind: 'dingtalk.card_create',
        payload: {
          outTrackId: ratingCardId(ticket.id),
          cardTemplateId: settings.cardTemplateId,
          cardParamMap: ratingCardParams(ticket),
          openSpaceId: `dtv1.card//IM_ROBOT.${ticket.reporterDingtalkId}`,
          robotCode: settings.robotCode,
          callbackType: 'STREAM',
        },
        idempotencyKey: `ticket:${ticket.id}:rating-card`,
        orderingKey: ratingCardId(ticket.id),
        priority: 7,
        source: `tickets:${ticket.id}`,
      });
    },

    async rated(ticket: TicketRow, tx: Executor) {
      if (settings.cardTemplateId === null) return;
      await outbox.enqueue(tx, {
        kind: 'dingtalk.card_update',
        payload: { outTrackId: ratingCardId(ticket.id), cardParamMap: ratingCardParams(ticket) },
        idempotencyKey: `ticket:${ticket.id}:rated`,
        orderingKey: ratingCardId(ticket.id),
        priority: 7,
        source: `tickets:${ticket.id}`,
      });
    },

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
