import type { Executor } from '../../db/client';
import type { OutboxService } from '../../platform/outbox/outbox.service';
import { ratingCardId, ratingCardParams, ticketCardId, ticketCardParams } from './tickets.cards';
import type { CategoryNameOf, NotifierSettings } from './tickets.notifications.types';
import type { TicketRow } from './tickets.table';

/** The interactive cards: one per level-1/2 ticket in the IT group, kept current, and the reporter's rating card on close. */
export function createTicketCardNotices({ outbox, settings, categoryName }: { outbox: OutboxService; settings: NotifierSettings; categoryName: CategoryNameOf }) {
  const hasCard = (ticket: TicketRow) => ticket.level <= 2 && settings.itGroupId !== null && settings.cardTemplateId !== null;

  return {
    /** A level-1/2 ticket gets a card in the IT group when one is configured. */
    async createGroupCard(ticket: TicketRow, tx: Executor) {
      if (!hasCard(ticket)) return;
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
  };
}
