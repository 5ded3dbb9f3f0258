import type { FastifyBaseLogger } from 'fastify';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../../db/client';
import type { DingTalkClient } from '../../../dingtalk/client';
import { type AuditContext, type AuditService, systemContext } from '../../../platform/audit/audit.service';
import type { PreparedInboxHandler } from '../../../platform/inbox/inbox.dispatcher';
import type { InboxRow } from '../../../platform/inbox/inbox.table';
import type { DeadLetterHook, DeliveredHook } from '../../../platform/outbox/outbox.worker';
import { accessRequests, type AccessRequestRow } from '../access.table';
import type { GrantsService } from '../grants/grants.service';
import { requestIdInForm } from './requests.form';
import type { RequestsService } from './requests.service';

export const approvalInstanceTopic = 'bpms_instance_change';

const instanceEvent = z.object({
  processInstanceId: z.string().min(1).max(128),
  type: z.string(),
  result: z.string().optional(),
  processCode: z.string().optional(),
});

/** Audit rows for a decision made in DingTalk name the approval app as the actor. */
const approvalContext = (event: InboxRow, processInstanceId: string): AuditContext => ({ actorId: 'dingtalk', actorName: `钉钉审批 ${processInstanceId}`, sourceIp: null, requestId: event.eventKey });

/**
 * DingTalk's answer to an access request (rule S2): `finish` + agree grants, `finish` + refuse or
 * `terminate` closes. Only a pending request changes, so a duplicate or late event does nothing. An
 * event that arrives before DingOps recorded the instance id (DingTalk can be that quick) finds its
 * request by the DingOps申请单号 written into the form, read back from DingTalk before the transaction.
 */
export function createApprovalEvents({ db, dingtalk, processCode, requests, grants, audit, log }: { db: Db; dingtalk: DingTalkClient; processCode: string | null; requests: RequestsService; grants: GrantsService; audit: AuditService; log: FastifyBaseLogger }) {
  const byInstance = async (instanceId: string, tx: Executor = db) => (await tx.select().from(accessRequests).where(eq(accessRequests.approvalInstanceId, instanceId)))[0] ?? null;

  const handler: PreparedInboxHandler<{ requestId: number | null } | null> = {
    async prepare(event) {
      const parsed = instanceEvent.safeParse(event.payload);
      if (!parsed.success || (processCode && parsed.data.processCode && parsed.data.processCode !== processCode)) return null;
      if (parsed.data.type === 'start' || (await byInstance(parsed.data.processInstanceId))) return { requestId: null };
      const approval = await dingtalk.getApproval(parsed.data.processInstanceId);
      return { requestId: requestIdInForm(approval.formComponentValues) };
    },

    async handle(event, prepared, tx) {
      if (!prepared) return;
      const { processInstanceId, type, result } = instanceEvent.parse(event.payload);
      if (type === 'start') return;
      let row: AccessRequestRow | null = (await tx.select().from(accessRequests).where(eq(accessRequests.approvalInstanceId, processInstanceId)).for('update'))[0] ?? null;
      if (!row && prepared.requestId !== null) {
        const [linked] = await tx.update(accessRequests).set({ approvalInstanceId: processInstanceId }).where(and(eq(accessRequests.id, prepared.requestId), isNull(accessRequests.approvalInstanceId))).returning();
        row = linked ?? null;
      }
      if (!row) {
        log.info({ processInstanceId }, 'An approval that is not an access request of DingOps');
        return;
      }
      if (row.status !== 'pending') return;
      const context = approvalContext(event, processInstanceId);
      if (type === 'finish' && result === 'agree') {
        const [approved] = await tx.update(accessRequests).set({ status: 'approved', decidedAt: new Date(), approvalInstanceId: processInstanceId }).where(and(eq(accessRequests.id, row.id), eq(accessRequests.status, 'pending'))).returning();
        if (approved) await grants.grantApproved(tx, approved, context);
        return;
      }
      if (type === 'finish' && result === 'refuse') await requests.closeRequest(tx, row, { status: 'refused', note: '审批人拒绝', context });
      else if (type === 'terminate') await requests.closeRequest(tx, row, { status: 'withdrawn', note: '审批已在钉钉中撤销', context });
    },
  };

  const requestIdOf = (source: string | null) => Number(/^access-requests:(\d+)$/.exec(source ?? '')?.[1] ?? 0);

  /**
   * The outbox delivered the start: remember DingTalk's instance id. A request withdrawn meanwhile
   * gets its approval revoked; one marked failed (its start was a dead letter an admin then sent
   * again) waits for its approval once more.
   */
  const onStarted: DeliveredHook = async (row, result, tx) => {
    const id = requestIdOf(row.source);
    const instanceId = typeof result.processInstanceId === 'string' ? result.processInstanceId : null;
    if (!id || !instanceId) return;
    const [resumed] = await tx.update(accessRequests).set({ status: 'pending', decidedAt: null, decisionNote: null }).where(and(eq(accessRequests.id, id), eq(accessRequests.status, 'failed'))).returning();
    if (resumed) await audit.record(systemContext, { action: 'access.request_resumed', target: { type: 'access_request', id: String(id) }, summary: { userId: resumed.userDingtalkId, approvalInstanceId: instanceId } }, tx);
    const [request] = await tx.update(accessRequests).set({ approvalInstanceId: instanceId }).where(and(eq(accessRequests.id, id), isNull(accessRequests.approvalInstanceId))).returning();
    if (request && request.status !== 'pending' && request.status !== 'approved') await requests.revokeApproval(tx, { requestId: request.id, instanceId, note: request.decisionNote ?? '申请已撤回' });
  };

  /** The approval could not be started (DingTalk kept refusing): the request fails, and its people are told why. */
  const onStartFailed: DeadLetterHook = async (row, reason, tx) => {
    const id = requestIdOf(row.source);
    const [request] = id ? await tx.select().from(accessRequests).where(eq(accessRequests.id, id)) : [];
    if (request?.status === 'pending') await requests.closeRequest(tx, request, { status: 'failed', note: `钉钉审批未能发起：${reason}`.slice(0, 300), context: systemContext });
  };

  return { handler, onStarted, onStartFailed };
}
