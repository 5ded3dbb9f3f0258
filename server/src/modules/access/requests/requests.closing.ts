import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import type { OutboxService } from '../../../platform/outbox/outbox.service';
import { requestOutcome, type AccessLinks } from '../access.messages';
import type { AccessNotifier } from '../access.notify';
import { accessRequests, type AccessRequestRow } from '../access.table';
import type { CatalogService } from '../catalog/catalog.service';

/** How a pending request ends without a grant (withdrawn, refused, failed), and its DingTalk approval revoked. */
export function createRequestClosing({ audit, outbox, catalog, notify, links, clock }: { audit: AuditService; outbox: OutboxService; catalog: CatalogService; notify: AccessNotifier; links: AccessLinks; clock: () => Date }) {
  /** Ends a pending request without a grant; a running DingTalk approval is revoked through the outbox. */
  async function closeRequest(tx: Executor, row: AccessRequestRow, { status, note, context, operator }: { status: 'withdrawn' | 'refused' | 'failed'; note: string; context: AuditContext; operator?: string }) {
    const [closed] = await tx.update(accessRequests).set({ status, decisionNote: note, decidedAt: clock() }).where(and(eq(accessRequests.id, row.id), eq(accessRequests.status, 'pending'))).returning();
    if (!closed) return false;
    await audit.record(context, { action: `access.request_${status}`, target: { type: 'access_request', id: String(row.id) }, summary: { userId: row.userDingtalkId, note, approvalInstanceId: row.approvalInstanceId } }, tx);
    if (status === 'withdrawn' && row.approvalInstanceId) await revokeApproval(tx, { requestId: row.id, instanceId: row.approvalInstanceId, note, operator });
    const entry = await catalog.role(row.roleId, tx);
    const outcome = status === 'refused' ? 'refused' : status;
    await notify.person(tx, { userIds: [row.userDingtalkId, row.requesterDingtalkId], msg: requestOutcome({ systemName: entry.system.name, roleName: entry.role.name, risk: entry.role.risk }, row.id, outcome, { note, url: links.request(row.id) }), key: `access-request:${row.id}:${status}`, source: `access-requests:${row.id}` });
    return true;
  }

  /** Revokes the request's DingTalk approval (the outbox skips one that has finished meanwhile). */
  async function revokeApproval(tx: Executor, { requestId, instanceId, note, operator }: { requestId: number; instanceId: string; note: string; operator?: string | undefined }) {
    await outbox.enqueue(tx, { kind: 'dingtalk.approval_terminate', payload: { processInstanceId: instanceId, ...(operator ? { operatingUserId: operator } : { isSystem: true }), remark: note.slice(0, 200) }, idempotencyKey: `access-request:${requestId}:terminate`, source: `access-requests:${requestId}` });
  }

  return { closeRequest, revokeApproval };
}
