import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { AuditContext } from '../../platform/audit/audit.service';
import type { InboxHandler } from '../../platform/inbox/inbox.dispatcher';
import type { InboxRow } from '../../platform/inbox/inbox.table';
import type { AccessNotifier } from './access.notify';
import type { GrantsService } from './grants/grants.service';
import type { RequestsService } from './requests/requests.service';

export const leaveTopic = 'user_leave_org';

const payload = z.object({ userId: z.union([z.array(z.string().min(1).max(64)).min(1).max(100), z.string().min(1).max(64).transform((id) => [id])]) });

/**
 * A leaver (rule S2 "updated at once"): in the same transaction as the event every grant they hold
 * is revoked (de-provisioning tasks for manual systems), their pending requests are withdrawn with
 * their approvals, and IT hears it in IT运维值班群. A replayed event finds nothing held.
 */
export function createLeaverHandler({ grants, requests, notify, log }: { grants: GrantsService; requests: RequestsService; notify: AccessNotifier; log: FastifyBaseLogger }): InboxHandler {
  return async (event: InboxRow, tx) => {
    const parsed = payload.safeParse(event.payload);
    if (!parsed.success) return;
    const context: AuditContext = { actorId: 'dingtalk', actorName: `钉钉通讯录 ${event.topic}`, sourceIp: null, requestId: event.eventKey };
    const userIds = [...new Set(parsed.data.userId)];
    const held = await grants.heldBy(userIds, tx);
    let revoked = 0;
    for (const grant of held) if (await grants.end(tx, grant, { outcome: 'revoked', reason: '离职：钉钉通讯录 user_leave_org', context, notifyHolder: false })) revoked += 1;
    for (const request of await grants.pendingRequestsOf(userIds, tx)) await requests.closeRequest(tx, request, { status: 'withdrawn', note: '申请人已离职', context });
    if (revoked > 0) {
      const views = await grants.views(held, tx);
      const lines = views.map((grant) => `- ${grant.userName ?? grant.userId}：${grant.systemName} · ${grant.roleName}`);
      await notify.itGroup(tx, { title: `离职回收权限 ${revoked} 项`, text: [`### 离职人员权限已全部收回（${revoked} 项）`, ...lines, '需人工回收的系统已生成待办任务。'].join('\n'), key: `access-leaver:${event.eventKey}`, source: `inbox:${String(event.id)}` });
    }
    log.info({ userIds, revoked }, 'Revoked a leaver’s access');
  };
}
