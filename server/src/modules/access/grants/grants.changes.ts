import { grantEnd } from '@dingops/shared/rules/access';
import type { Grant } from '@dingops/shared/access';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { grantedNotice, grantEnded, itTaskNotice, requestOutcome, type AccessLinks } from '../access.messages';
import type { AccessNotifier } from '../access.notify';
import type { People } from '../access.people';
import { accessGrants, accessRoles, accessSystems, accessTasks, type AccessGrantRow, type AccessRequestRow } from '../access.table';
import { grantView, type Catalogued } from '../access.views';

/** The statuses in which a person holds the role. */
export const held = ['provisioning', 'active'] as const;

export interface GrantChangesDeps {
  db: Db;
  audit: AuditService;
  people: People;
  notify: AccessNotifier;
  links: AccessLinks;
  clock: () => Date;
}

/** A grant's life: made on approval, activated after IT's manual step, ended (each change audited and told). */
export function createGrantChanges({ db, audit, people, notify, links, clock }: GrantChangesDeps) {
  async function catalogued(roleId: number, tx: Executor): Promise<Catalogued> {
    const [found] = await tx.select({ role: accessRoles, system: accessSystems }).from(accessRoles).innerJoin(accessSystems, eq(accessSystems.id, accessRoles.systemId)).where(eq(accessRoles.id, roleId));
    return found!;
  }
  const namesOf = (entry: Catalogued) => ({ systemName: entry.system.name, roleName: entry.role.name, risk: entry.role.risk });

  async function views(rows: AccessGrantRow[], tx: Executor = db): Promise<Grant[]> {
    const roleIds = [...new Set(rows.map((row) => row.roleId))];
    const entries = roleIds.length === 0 ? [] : await tx.select({ role: accessRoles, system: accessSystems }).from(accessRoles).innerJoin(accessSystems, eq(accessSystems.id, accessRoles.systemId)).where(inArray(accessRoles.id, roleIds));
    const byRole = new Map(entries.map((entry) => [entry.role.id, entry]));
    const names = await people.names(rows.map((row) => row.userDingtalkId), tx);
    return rows.map((row) => grantView(row, byRole.get(row.roleId)!, names));
  }

  async function openTask(tx: Executor, grant: AccessGrantRow, entry: Catalogued, kind: 'provision' | 'deprovision') {
    const [task] = await tx.insert(accessTasks).values({ grantId: grant.id, kind, createdAt: clock() }).onConflictDoNothing().returning();
    if (!task) return;
    const holder = (await people.names([grant.userDingtalkId], tx)).get(grant.userDingtalkId) ?? grant.userDingtalkId;
    await notify.itGroup(tx, { ...itTaskNotice(namesOf(entry), holder, kind, links.tasks()), key: `access-task:${task.id}:it-group`, source: `access-grants:${grant.id}` });
  }

  /**
   * Ends a held grant (expired, revoked); a system with a manual step gets a de-provisioning task.
   * Returns false when the grant was not held (already ended: a replay or a race).
   */
  async function end(tx: Executor, grant: AccessGrantRow, { outcome, reason, context, notifyHolder = true }: { outcome: 'expired' | 'revoked'; reason: string; context: AuditContext; notifyHolder?: boolean }): Promise<boolean> {
    const now = clock();
    const [ended] = await tx
      .update(accessGrants)
      .set({ status: outcome, endedAt: now, endReason: reason })
      .where(and(eq(accessGrants.id, grant.id), inArray(accessGrants.status, [...held])))
      .returning();
    if (!ended) return false;
    const entry = await catalogued(grant.roleId, tx);
    await audit.record(context, { action: outcome === 'expired' ? 'access.expired' : 'access.revoked', target: { type: 'access_grant', id: String(grant.id) }, summary: { userId: grant.userDingtalkId, system: entry.system.name, role: entry.role.name, reason } }, tx);
    if (entry.system.manualProvisioning && grant.status === 'active') await openTask(tx, ended, entry, 'deprovision');
    // Still waiting for IT to set it up: the provisioning task has nothing left to do.
    if (grant.status === 'provisioning') await tx.update(accessTasks).set({ status: 'done', doneBy: 'system', doneAt: now }).where(and(eq(accessTasks.grantId, grant.id), eq(accessTasks.status, 'open')));
    if (notifyHolder) await notify.person(tx, { userIds: [grant.userDingtalkId], msg: grantEnded(namesOf(entry), outcome, reason, links.myAccess()), key: `access-grant:${grant.id}:${outcome}`, source: `access-grants:${grant.id}` });
    return true;
  }

  return {
    catalogued,
    namesOf,
    views,
    end,

    /**
     * The approval agreed: the role is granted from now for the request's days (or a held grant of the
     * same role is extended). A system with a manual step waits in `provisioning` for IT's task.
     */
    async grantApproved(tx: Executor, request: AccessRequestRow, context: AuditContext): Promise<AccessGrantRow> {
      const entry = await catalogued(request.roleId, tx);
      const now = clock();
      const [current] = await tx.select().from(accessGrants).where(and(eq(accessGrants.userDingtalkId, request.userDingtalkId), eq(accessGrants.roleId, request.roleId), inArray(accessGrants.status, [...held])));
      if (current) {
        const from = current.endsAt.getTime() > now.getTime() ? current.endsAt : now;
        const [extended] = await tx.update(accessGrants).set({ endsAt: grantEnd(from, request.days), remindedAt: null }).where(eq(accessGrants.id, current.id)).returning();
        await audit.record(context, { action: 'access.extended', target: { type: 'access_grant', id: String(current.id) }, summary: { userId: request.userDingtalkId, requestId: request.id, before: current.endsAt.toISOString(), after: extended!.endsAt.toISOString() } }, tx);
        await notify.person(tx, { userIds: [request.userDingtalkId, request.requesterDingtalkId], msg: requestOutcome(namesOf(entry), request.id, 'active', { endsAt: extended!.endsAt, url: links.request(request.id) }), key: `access-request:${request.id}:granted`, source: `access-requests:${request.id}` });
        return extended!;
      }
      const manual = entry.system.manualProvisioning;
      const [grant] = await tx
        .insert(accessGrants)
        .values({ userDingtalkId: request.userDingtalkId, userName: request.userName, roleId: request.roleId, requestId: request.id, approvalInstanceId: request.approvalInstanceId, status: manual ? 'provisioning' : 'active', startsAt: now, endsAt: grantEnd(now, request.days), activatedAt: manual ? null : now, createdAt: now })
        .returning();
      await audit.record(context, { action: 'access.granted', target: { type: 'access_grant', id: String(grant!.id) }, summary: { userId: request.userDingtalkId, requestId: request.id, system: entry.system.name, role: entry.role.name, risk: entry.role.risk, endsAt: grant!.endsAt.toISOString(), approvalInstanceId: request.approvalInstanceId, status: grant!.status } }, tx);
      if (manual) await openTask(tx, grant!, entry, 'provision');
      const holderName = request.userName ?? request.userDingtalkId;
      await notify.securityGroup(tx, {
        title: `权限已授予：${holderName} ${entry.system.name} ${entry.role.name}`,
        text: grantedNotice({ holderName, system: entry.system.name, role: entry.role.name, risk: entry.role.risk, endsAt: grant!.endsAt, requestId: request.id, instanceId: request.approvalInstanceId, url: links.request(request.id) }),
        key: `access-grant:${grant!.id}:security-group`,
        source: `access-grants:${grant!.id}`,
      });
      await notify.person(tx, { userIds: [request.userDingtalkId, request.requesterDingtalkId], msg: requestOutcome(namesOf(entry), request.id, manual ? 'provisioning' : 'active', { endsAt: grant!.endsAt, url: links.request(request.id) }), key: `access-request:${request.id}:granted`, source: `access-requests:${request.id}` });
      return grant!;
    },

    /** IT did the manual step: a provisioning grant becomes active, and the holder is told. */
    async activate(tx: Executor, grantId: number, context: AuditContext): Promise<void> {
      const now = clock();
      const [grant] = await tx.update(accessGrants).set({ status: 'active', activatedAt: now }).where(and(eq(accessGrants.id, grantId), eq(accessGrants.status, 'provisioning'))).returning();
      if (!grant) return;
      const entry = await catalogued(grant.roleId, tx);
      await audit.record(context, { action: 'access.activated', target: { type: 'access_grant', id: String(grant.id) }, summary: { userId: grant.userDingtalkId, system: entry.system.name, role: entry.role.name } }, tx);
      const url = grant.requestId ? links.request(grant.requestId) : links.myAccess();
      await notify.person(tx, { userIds: [grant.userDingtalkId], msg: requestOutcome(namesOf(entry), grant.requestId ?? 0, 'active', { endsAt: grant.endsAt, url }), key: `access-grant:${grant.id}:active`, source: `access-grants:${grant.id}` });
    },
  };
}

export type GrantChanges = ReturnType<typeof createGrantChanges>;
