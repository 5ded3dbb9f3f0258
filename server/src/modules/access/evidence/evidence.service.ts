import { and, asc, desc, eq, gt, inArray, isNull, like, lt, or, sql } from 'drizzle-orm';
import type { AccessHistoryQuery } from '@dingops/shared/access';
import type { Db } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { csvLine, utf8Bom } from '../../../platform/http/csv';
import { beijing } from '../access.messages';
import { auditLog } from '../../../platform/audit/audit.table';
import type { Actor } from '../../../platform/identity/identity.service';
import { users } from '../../../platform/identity/identity.table';
import { personNotFound, systemNotFound } from '../access.errors';
import type { People } from '../access.people';
import { accessGrants, accessRequests, accessRoles, accessSystems } from '../access.table';
import type { GrantsService } from '../grants/grants.service';
import type { RequestsService } from '../requests/requests.service';

/** How many grants one history answer holds at most; the CSV has the same cap. */
export const maxHistoryRows = 20_000;

/**
 * Evidence for auditors (rules S4, S5): who held what when — every grant whose held span overlaps
 * [from, to), started before `to` and not ended before `from` — and a person's whole access story.
 */
export function createEvidenceService({ db, audit, people, grants, requests }: { db: Db; audit: AuditService; people: People; grants: GrantsService; requests: RequestsService }) {
  async function history(query: AccessHistoryQuery) {
    const from = new Date(query.from);
    const to = new Date(query.to);
    const [system] = await db.select().from(accessSystems).where(eq(accessSystems.id, query.systemId));
    if (!system) throw systemNotFound(query.systemId);
    const rows = await db
      .select({ grant: accessGrants })
      .from(accessGrants)
      .innerJoin(accessRoles, eq(accessRoles.id, accessGrants.roleId))
      .where(and(eq(accessRoles.systemId, system.id), lt(accessGrants.startsAt, to), or(isNull(accessGrants.endedAt), gt(accessGrants.endedAt, from))))
      .orderBy(asc(accessGrants.startsAt), asc(accessGrants.id))
      .limit(maxHistoryRows);
    return { systemId: system.id, systemName: system.name, from: from.toISOString(), to: to.toISOString(), items: await grants.views(rows.map((row) => row.grant)) };
  }

  return {
    history,

    /** The same answer as a CSV an auditor files as evidence; the export itself is audited. */
    async historyCsv({ query, context }: { query: AccessHistoryQuery; context: AuditContext }) {
      const answer = await history(query);
      await audit.record(context, { action: 'access.history_exported', target: { type: 'access_system', id: String(answer.systemId) }, summary: { from: answer.from, to: answer.to, rows: answer.items.length } });
      const header = ['grant id', 'DingTalk user id', 'name', 'system', 'role', 'risk', 'status', 'starts at (Beijing)', 'ends at (Beijing)', 'ended at (Beijing)', 'end reason', 'approval instance id', 'request id'];
      const lines = answer.items.map((grant) => [grant.id, grant.userId, grant.userName, grant.systemName, grant.roleName, grant.risk, grant.status, beijing(new Date(grant.startsAt)), beijing(new Date(grant.endsAt)), grant.endedAt ? beijing(new Date(grant.endedAt)) : '', grant.endReason, grant.approvalInstanceId, grant.requestId]);
      const body = utf8Bom + csvLine(header) + lines.map(csvLine).join('');
      return { fileName: `access-history-${answer.systemName}-${answer.from.slice(0, 10)}-${answer.to.slice(0, 10)}.csv`, body };
    },

    /** A person's grants, requests and every audited access or account event about them. */
    async person({ userId, actor }: { userId: string; actor: Actor }) {
      const self = userId === actor.dingtalkUserId;
      const reader = actor.roles.some((role) => role === 'it_staff' || role === 'it_admin' || role === 'auditor');
      const manager = actor.roles.includes('manager') && (await people.teamOf(actor.dingtalkUserId)).includes(userId);
      // Like a ticket one may not see: not found, rather than confirming the person exists.
      if (!self && !reader && !manager) throw personNotFound(userId);
      const [account] = await db.select({ id: users.id, name: users.name, status: users.status }).from(users).where(eq(users.dingtalkUserId, userId));
      const found = account ? null : await people.find(userId);
      const grantRows = await db.select().from(accessGrants).where(eq(accessGrants.userDingtalkId, userId)).orderBy(desc(accessGrants.id)).limit(500);
      const requestRows = await db.select().from(accessRequests).where(eq(accessRequests.userDingtalkId, userId)).orderBy(desc(accessRequests.id)).limit(500);
      const events = await db
        .select()
        .from(auditLog)
        .where(
          or(
            and(like(auditLog.action, 'access.%'), sql`${auditLog.summary}->>'userId' = ${userId}`),
            account ? and(like(auditLog.action, 'users.%'), eq(auditLog.targetId, account.id)) : undefined,
            grantRows.length > 0 ? and(eq(auditLog.targetType, 'access_grant'), inArray(auditLog.targetId, grantRows.map((row) => String(row.id)))) : undefined,
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(500);
      return {
        userId,
        name: account?.name ?? found?.name ?? null,
        status: account?.status ?? null,
        grants: await grants.views(grantRows),
        requests: await requests.views(requestRows),
        events: events.map((row) => ({ at: row.at.toISOString(), action: row.action, actorName: row.actorName, summary: row.summary })),
      };
    },
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
