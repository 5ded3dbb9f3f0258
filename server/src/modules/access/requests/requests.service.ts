import type { AccessRequest, CreateRequestBody, ListRequestsQuery } from '@dingops/shared/access';
import { approverChain, durationProblem } from '@dingops/shared/rules/access';
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import { isUniqueViolation } from '../../../db/pg-errors';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import type { Actor } from '../../../platform/identity/identity.service';
import type { OutboxService } from '../../../platform/outbox/outbox.service';
import { beforeIdOf, keysetPage } from '../../../platform/pagination/cursor';
import { alreadyHeld, alreadyRequested, cannotExtend, daysTooLong, noApprover, notAllowed, notPending, notYourTeam, requestNotFound, unknownPerson } from '../access.errors';
import { requestOutcome, type AccessLinks } from '../access.messages';
import type { AccessNotifier } from '../access.notify';
import type { People } from '../access.people';
import { accessGrants, accessRequests, accessRoles, accessSystems, type AccessRequestRow } from '../access.table';
import { peopleOfRequest, requestView } from '../access.views';
import type { CatalogService } from '../catalog/catalog.service';
import { approvalFormValues, approverNodes } from './requests.form';

export interface RequestSettings {
  processCode: string | null;
  securityLeadUserId: string | null;
  approvalUrl: (instanceId: string) => string;
  /** How long a new request waits for the outbox to bring DingTalk's instance id (0 without an outbox worker). */
  instanceWaitMs: number;
}

const readers = ['it_staff', 'it_admin', 'auditor'] as const;

/** Access requests: checked for least privilege, then sent to DingTalk's approval app through the outbox (rule S2). */
export function createRequestsService(deps: { db: Db; audit: AuditService; outbox: OutboxService; people: People; catalog: CatalogService; notify: AccessNotifier; links: AccessLinks; clock: () => Date; settings: RequestSettings }) {
  const { db, audit, outbox, people, catalog, notify, links, clock, settings } = deps;

  async function views(rows: AccessRequestRow[], tx: Executor = db): Promise<AccessRequest[]> {
    if (rows.length === 0) return [];
    const entries = await tx.select({ role: accessRoles, system: accessSystems }).from(accessRoles).innerJoin(accessSystems, eq(accessSystems.id, accessRoles.systemId)).where(inArray(accessRoles.id, [...new Set(rows.map((row) => row.roleId))]));
    const byRole = new Map(entries.map((entry) => [entry.role.id, entry]));
    const names = await people.names(rows.flatMap(peopleOfRequest), tx);
    const grants = await tx.select({ id: accessGrants.id, requestId: accessGrants.requestId }).from(accessGrants).where(inArray(accessGrants.requestId, rows.map((row) => row.id)));
    const grantOf = new Map(grants.map((grant) => [grant.requestId, grant.id]));
    return rows.map((row) => requestView(row, byRole.get(row.roleId)!, names, { grantId: grantOf.get(row.id) ?? row.extendsGrantId ?? null, approvalUrl: settings.approvalUrl }));
  }

  async function mayRead(actor: Actor, row: AccessRequestRow): Promise<boolean> {
    if (peopleOfRequest(row).includes(actor.dingtalkUserId)) return true;
    if (actor.roles.some((role) => (readers as readonly string[]).includes(role))) return true;
    return actor.roles.includes('manager') && (await people.teamOf(actor.dingtalkUserId)).includes(row.userDingtalkId);
  }

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

  return {
    views,

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

    async get({ id, actor }: { id: number; actor: Actor }): Promise<AccessRequest> {
      const [row] = await db.select().from(accessRequests).where(eq(accessRequests.id, id));
      if (!row || !(await mayRead(actor, row))) throw requestNotFound(id);
      return (await views([row]))[0]!;
    },

    async list({ query, actor }: { query: ListRequestsQuery; actor: Actor }): Promise<{ items: AccessRequest[]; nextCursor: string | null }> {
      const me = actor.dingtalkUserId;
      let scope;
      if (query.scope === 'mine') scope = or(eq(accessRequests.userDingtalkId, me), eq(accessRequests.requesterDingtalkId, me));
      else if (query.scope === 'approvals') scope = and(eq(accessRequests.status, 'pending'), sql`${accessRequests.approvers} @> ${JSON.stringify([{ userId: me }])}::jsonb`);
      else if (query.scope === 'team') {
        const team = actor.roles.includes('manager') ? await people.teamOf(me) : [];
        scope = team.length > 0 ? inArray(accessRequests.userDingtalkId, team) : sql`false`;
      } else {
        if (!actor.roles.some((role) => (readers as readonly string[]).includes(role))) throw notAllowed('list every request: IT and auditors can');
        scope = undefined;
      }
      const beforeId = beforeIdOf(query.cursor);
      const rows = await db
        .select()
        .from(accessRequests)
        .where(and(scope, query.status ? eq(accessRequests.status, query.status) : undefined, beforeId !== null ? lt(accessRequests.id, Number(beforeId)) : undefined))
        .orderBy(desc(accessRequests.id))
        .limit(query.limit + 1);
      const page = keysetPage(rows, query.limit, (row) => [String(row.id)]);
      return { items: await views(page.items), nextCursor: page.nextCursor };
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
