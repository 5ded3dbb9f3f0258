import { alertGroupActions, type AlertGroupAction } from '@dingops/shared/alerts';
import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../../db/client';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { IdentityService } from '../../../platform/identity/identity.service';
import type { InboxRow } from '../../../platform/inbox/inbox.table';
import { alertGroupIdOf } from './group-cards';
import type { GroupActions } from './group-actions.service';

const itRoles = new Set(['it_staff', 'it_admin']);

function actionOf(content: string | undefined): string | null {
  try {
    const parsed = JSON.parse(content ?? '{}') as { cardPrivateData?: { params?: { action?: string }; actionIds?: string[] } };
    return parsed.cardPrivateData?.params?.action ?? parsed.cardPrivateData?.actionIds?.[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Button presses on alert cards (arriving through the inbox): the presser must be IT; every press is
 * audited, refused ones too, and a refused press leaves the card as it was.
 */
export function createCardActions({ actions, identity, audit, log }: { actions: Pick<GroupActions, 'actInTransaction'>; identity: IdentityService; audit: AuditService; log: FastifyBaseLogger }) {
  return async function onCardClick(event: InboxRow, tx: Executor) {
    const payload = event.payload as { outTrackId?: string; userId?: string; content?: string };
    const groupId = payload.outTrackId ? alertGroupIdOf(payload.outTrackId) : null;
    if (groupId === null || !payload.userId) return;
    const action = actionOf(payload.content);
    if (action === 'open') return;
    const presser = await identity.findByDingtalkId(payload.userId, tx);
    const context = { actorId: presser?.id ?? null, actorName: presser?.name ?? payload.userId, sourceIp: null, requestId: `inbox:${event.id}` };
    const target = { type: 'alert_group', id: String(groupId) };
    if (!presser || presser.status !== 'active' || !presser.roles.some((role) => itRoles.has(role))) {
      log.info({ groupId: String(groupId), userId: payload.userId, action }, 'Refused an alert card press from someone outside IT');
      await audit.record(context, { action: 'alerts.card_press', target, result: 'denied', summary: { action, dingtalkUserId: payload.userId } }, tx);
      return;
    }
    if (!action || !(alertGroupActions as readonly string[]).includes(action)) {
      await audit.record(context, { action: 'alerts.card_press', target, result: 'failure', summary: { action, why: 'unknown action' } }, tx);
      return;
    }
    try {
      // A savepoint: a press that does not apply (two people pressing 认领 at once) must not undo the audit row.
      await tx.transaction((inner) => actions.actInTransaction({ id: groupId, action: action as AlertGroupAction, actor: presser, context }, inner));
    } catch (error) {
      log.info({ err: error, groupId: String(groupId), action }, 'Alert card press did not apply');
      await audit.record(context, { action: 'alerts.card_press', target, result: 'failure', summary: { action, why: error instanceof Error ? error.message : String(error) } }, tx);
    }
  };
}
