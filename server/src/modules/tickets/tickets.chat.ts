import type { FastifyBaseLogger } from 'fastify';
import type { DingTalkClient } from '../../dingtalk/client';
import { systemContext } from '../../platform/audit/audit.service';
import type { InboxRow } from '../../platform/inbox/inbox.table';
import { fetchDingTalkPerson } from '../../platform/identity/directory';
import type { Executor } from '../../db/client';
import { ticketCardOf } from './tickets.cards';
import type { createTicketNotifier } from './tickets.notifications';
import { ticketActorOf, type TicketsService } from './tickets.service';

/**
 * Tickets from chat: "@运维助手 VPN 连不上" in any group or a one-to-one chat opens a ticket for the
 * sender and the robot answers there (rule T5: support where people already are).
 */
export function createChatIntake({ service, dingtalk, notifier, log }: { service: TicketsService; dingtalk: DingTalkClient; notifier: ReturnType<typeof createTicketNotifier>; log: FastifyBaseLogger }) {
  async function personFor(dingtalkUserId: string, tx: Executor) {
    const known = await service.identity.findByDingtalkId(dingtalkUserId, tx);
    if (known) return known;
    // Someone who never opened the micro-app: read them from the DingTalk directory.
    return (await service.identity.syncPerson(await fetchDingTalkPerson(dingtalk, dingtalkUserId), {}, tx)).user;
  }

  return {
    async onRobotMessage(event: InboxRow, tx: Executor) {
      const payload = event.payload as { text?: { content?: string }; senderStaffId?: string; conversationId?: string; conversationType?: string };
      const text = (payload.text?.content ?? '').trim();
      if (!payload.senderStaffId || !text) {
        log.info({ inboxId: String(event.id) }, 'Ignored a robot message without sender or text');
        return;
      }
      const reporter = await personFor(payload.senderStaffId, tx);
      const isGroup = payload.conversationType === '2';
      const ticket = await service.createInTransaction(
        {
          body: { category: 'other', title: text.length > 30 ? `${text.slice(0, 30)}…` : text, description: text, impact: 'self', urgency: 'medium' },
          actor: ticketActorOf(reporter),
          context: { ...systemContext, actorId: reporter.id, actorName: reporter.name },
          source: 'chat',
          conversationId: isGroup ? (payload.conversationId ?? null) : null,
        },
        tx,
      );
      await notifier.repliedInChat({ ticket, conversationType: isGroup ? 'group' : 'single', senderDingtalkId: payload.senderStaffId }, tx);
    },

    /** 受理 pressed on a ticket card in the IT group (the presser accepts, if IT), or a star on a rating card. */
    async onCardClick(event: InboxRow, tx: Executor) {
      const payload = event.payload as { outTrackId?: string; userId?: string; content?: string };
      const card = payload.outTrackId ? ticketCardOf(payload.outTrackId) : null;
      if (!card || !payload.userId) return;
      const { action, score } = actionOf(payload.content);
      if (card.kind === 'rating') {
        if (score) await service.rateFromCard({ id: card.ticketId, reporterDingtalkId: payload.userId, score }, tx);
        return;
      }
      const ticketId = card.ticketId;
      if (action !== 'accept') return;
      const presser = await service.identity.findByDingtalkId(payload.userId, tx);
      if (!presser) return;
      const actor = ticketActorOf(presser);
      if (!actor.isIt) {
        log.info({ ticketId: String(ticketId), userId: payload.userId }, 'Ignored 受理 from someone outside IT');
        return;
      }
      await service.transitionInTransaction({ id: ticketId, body: { action: 'accept', note: '从群卡片受理' }, actor, context: { ...systemContext, actorId: presser.id, actorName: presser.name } }, tx).catch((error: unknown) => {
        // Two people pressing at once: the second finds it accepted already, which is fine.
        log.info({ err: error, ticketId: String(ticketId) }, 'Card accept did not apply');
      });
    },
  };
}

function actionOf(content: string | undefined): { action: string | null; score: number | null } {
  try {
    const parsed = JSON.parse(content ?? '{}') as { cardPrivateData?: { params?: { action?: string; score?: string }; actionIds?: string[] } };
    const params = parsed.cardPrivateData?.params;
    return { action: params?.action ?? parsed.cardPrivateData?.actionIds?.[0] ?? null, score: params?.score ? Number(params.score) : null };
  } catch {
    return { action: null, score: null };
  }
}
