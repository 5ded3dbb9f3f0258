import type { AccessRequest, CreateRequestBody } from '@dingops/shared/access';
import { approverChain, durationProblem } from '@dingops/shared/rules/access';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { isUniqueViolation } from '../../../db/pg-errors';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import type { Actor } from '../../../platform/identity/identity.service';
import type { OutboxService } from '../../../platform/outbox/outbox.service';
import { alreadyHeld, alreadyRequested, cannotExtend, daysTooLong, noApprover, notAllowed, notPending, notYourTeam, requestNotFound, unknownPerson } from '../access.errors';
import type { AccessLinks } from '../access.messages';
import type { AccessNotifier } from '../access.notify';
import type { People } from '../access.people';
import { accessGrants, accessRequests } from '../access.table';
import type { CatalogService } from '../catalog/catalog.service';
import { createRequestClosing } from './requests.closing';
import { approvalFormValues, approverNodes } from './requests.form';
import { createRequestReads } from './requests.reads';
import type { RequestSettings } from './requests.types';

/** Access requests: checked for least privilege, then sent to DingTalk's approval app through the outbox (rule S2). */
export function createRequestsService(deps: { db: Db; audit: AuditService; outbox: OutboxService; people: People; catalog: CatalogService; notify: AccessNotifier; links: AccessLinks; clock: () => Date; settings: RequestSettings }) {
  const { db, audit, outbox, people, catalog, notify, links, clock, settings } = deps;

  /** The holder and their manager: the requester, or a member of a department the requester leads. */
  async function holderFor(actor: Actor, forUserId: string | undefined) {
    if (!forUserId || forUserId === actor.dingtalkUserId) {
      const self = await people.find(actor.dingtalkUserId);
      return { userId: actor.dingtalkUserId, name: actor.name, managerId: self?.managerId ?? null, departmentId: actor.departments[0]?.id ?? -1 };
    }
    const holder = await people.find(forUserId);
    if (!holder) throw unknownPerson('body.forUserId', forUserId);
    const led = actor.departments.filter((department) => department.isLeader).map((department) => department.id);
    if (holder.managerId !== actor.dingtalkUserId && !holder.departmentIds.some((id) => led.includes(id))) throw notYourTeam();
    return { userId: holder.userId, name: holder.name, managerId: holder.managerId, departmentId: holder.departmentIds[0] ?? -1 };
  }

  const reads = createRequestReads({ db, people, settings });
  const { views, mayRead } = reads;
  const { closeRequest, revokeApproval } = createRequestClosing({ audit, outbox, catalog, notify, links, clock });

  return {
    views,
    get: reads.get,
    list: reads.list,

    async create({ body, actor, context }: { body: CreateRequestBody; actor: Actor; context: AuditContext }): Promise<{ id: number; status: 'pending'; approvalInstanceId: string | null }> {
      const entry = await catalog.role(body.roleId);
      const problem = durationProblem({ days: body.days, maxDays: entry.role.maxDays });
      if (problem) throw daysTooLong(problem);
      const holder = await holderFor(actor, body.forUserId);
      const approvers = approverChain({ risk: entry.role.risk, holderId: holder.userId, managerId: holder.managerId, ownerId: entry.system.ownerDingtalkId, securityLeadId: settings.securityLeadUserId });
      if (approvers.length === 0) throw noApprover();
      if (!settings.processCode) throw notAllowed('request access yet: the approval form (DINGTALK_APPROVAL_PROCESS_CODE) is not configured');
      const processCode = settings.processCode;
      const named = await Promise.all(approvers.map(async (approver) => ({ ...approver, name: (await people.find(approver.userId))?.name ?? null })));

      const created = await db.transaction(async (tx) => {
        const [heldNow] = await tx.select().from(accessGrants).where(and(eq(accessGrants.userDingtalkId, holder.userId), eq(accessGrants.roleId, body.roleId), inArray(accessGrants.status, ['provisioning', 'active'])));
        if (body.extendsGrantId !== undefined ? heldNow?.id !== body.extendsGrantId : heldNow) {
          if (body.extendsGrantId !== undefined) throw cannotExtend();
          throw alreadyHeld(`${entry.system.name} ${entry.role.name}`);
        }
        const [row] = await tx
          .insert(accessRequests)
          .values({ userDingtalkId: holder.userId, userName: holder.name, requesterDingtalkId: actor.dingtalkUserId, roleId: body.roleId, days: body.days, reason: body.reason, status: 'pending', approvers: named, extendsGrantId: body.extendsGrantId ?? null, createdAt: clock() })
          .returning()
          .catch(async (error: unknown) => {
            if (!isUniqueViolation(error)) throw error;
            throw alreadyRequested(0);
          });
        await audit.record(context, { action: 'access.requested', target: { type: 'access_request', id: String(row!.id) }, summary: { userId: holder.userId, system: entry.system.name, role: entry.role.name, risk: entry.role.risk, days: body.days, reason: body.reason, approvers: named, extendsGrantId: body.extendsGrantId ?? null } }, tx);
        await outbox.enqueue(tx, {
          kind: 'dingtalk.approval_start',
          payload: { processCode, originatorUserId: actor.dingtalkUserId, deptId: holder.departmentId, formComponentValues: approvalFormValues(row!, entry, { holderName: holder.name, link: links.request(row!.id) }), approvers: approverNodes(approvers) },
          idempotencyKey: `access-request:${row!.id}:approval`,
          priority: 3,
          source: `access-requests:${row!.id}`,
        });
        return row!;
      }).catch(async (error: unknown) => {
        // Name the request already waiting, so the person can open it.
        if ((error as { code?: string }).code === 'access.already_requested') {
          const [waiting] = await db.select({ id: accessRequests.id }).from(accessRequests).where(and(eq(accessRequests.userDingtalkId, holder.userId), eq(accessRequests.roleId, body.roleId), eq(accessRequests.status, 'pending')));
          throw alreadyRequested(waiting?.id ?? 0);
        }
        throw error;
      });
      return { id: created.id, status: 'pending', approvalInstanceId: await instanceIdSoon(created.id) };
    },

    /** The holder or the requester takes a pending request back; its DingTalk approval is revoked. */
    async withdraw({ id, reason, actor, context }: { id: number; reason: string | undefined; actor: Actor; context: AuditContext }): Promise<AccessRequest> {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(accessRequests).where(eq(accessRequests.id, id)).for('update');
        if (!row || !(await mayRead(actor, row))) throw requestNotFound(id);
        if (row.userDingtalkId !== actor.dingtalkUserId && row.requesterDingtalkId !== actor.dingtalkUserId) throw notAllowed('withdraw someone else’s request');
        if (row.status !== 'pending') throw notPending(row.status);
        await closeRequest(tx, row, { status: 'withdrawn', note: reason ?? '申请人撤回', context, operator: actor.dingtalkUserId });
        const [after] = await tx.select().from(accessRequests).where(eq(accessRequests.id, id));
        return (await views([after!], tx))[0]!;
      });
    },

    closeRequest,
    revokeApproval,
  };

  /** The outbox usually has DingTalk's instance id within a moment of the commit; wait for it briefly, never long. */
  async function instanceIdSoon(id: number): Promise<string | null> {
    for (let waited = 0; waited < settings.instanceWaitMs; waited += 100) {
      const [row] = await db.select({ instanceId: accessRequests.approvalInstanceId, status: accessRequests.status }).from(accessRequests).where(eq(accessRequests.id, id));
      if (row?.instanceId || row?.status !== 'pending') return row?.instanceId ?? null;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [row] = await db.select({ instanceId: accessRequests.approvalInstanceId }).from(accessRequests).where(eq(accessRequests.id, id));
    return row?.instanceId ?? null;
  }
}

export type RequestsService = ReturnType<typeof createRequestsService>;
