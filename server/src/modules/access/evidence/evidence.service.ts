import { and, asc, desc, eq, gt, inArray, isNull, like, lt, or, sql } from 'drizzle-orm';
import type { AccessHistoryQuery } from '@dingops/shared/access';
import type { Db } from '../../../db/client';
import { auditLog } from '../../../platform/audit/audit.table';
import type { Actor } from '../../../platform/identity/identity.service';
import { users } from '../../../platform/identity/identity.table';
import { notAllowed, systemNotFound } from '../access.errors';
import type { People } from '../access.people';
import { accessGrants, accessRequests, accessRoles, accessSystems } from '../access.table';
import type { CatalogService } from '../catalog/catalog.service';
import type { GrantsService } from '../grants/grants.service';
import type { RequestsService } from '../requests/requests.service';

/** How many grants one history answer holds at most; the CSV has the same cap. */
export const maxHistoryRows = 20_000;

/** Evidence for auditors (rules S4, S5): who held what when, and a person's whole access story. */
export function createEvidenceService({ db, people, grants, requests }: { db: Db; people: People; grants: GrantsService; requests: RequestsService; catalog: CatalogService }) {
  return {
    /** Every grant of the system whose held span overlaps [from, to): started before `to`, not ended before `from`. */
    async history(query: AccessHistoryQuery) {
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
    },

    /** A person's grants, requests and every audited access or account event about them. */
    async person({ userId, actor }: { userId: string; actor: Actor }) {
      const self = userId === actor.dingtalkUserId;
      const reader = actor.roles.some((role) => role === 'it_staff' || role === 'it_admin' || role === 'auditor');
      const manager = actor.roles.includes('manager') && (await people.teamOf(actor.dingtalkUserId)).includes(userId);
      if (!self && !reader && !manager) throw notAllowed('see this person’s access history');
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
