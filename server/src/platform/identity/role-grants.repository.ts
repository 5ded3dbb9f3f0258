import type { AssignableRole } from '@dingops/shared/roles';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { roleGrants, users } from './identity.table';

/** The roles DingOps grants, by DingTalk user id (rule R3). */
export function createRoleGrantsRepository({ db }: { db: Db }) {
  return {
    async grantsFor(dingtalkUserIds: string[], tx: Executor = db): Promise<Map<string, AssignableRole[]>> {
      const grouped = new Map<string, AssignableRole[]>();
      if (dingtalkUserIds.length === 0) return grouped;
      const rows = await tx.select().from(roleGrants).where(inArray(roleGrants.dingtalkUserId, dingtalkUserIds));
      for (const row of rows) grouped.set(row.dingtalkUserId, [...(grouped.get(row.dingtalkUserId) ?? []), row.role]);
      return grouped;
    },

    async replaceGrants({ dingtalkUserId, roles, grantedBy }: { dingtalkUserId: string; roles: AssignableRole[]; grantedBy: string }, tx: Executor): Promise<void> {
      await tx.delete(roleGrants).where(eq(roleGrants.dingtalkUserId, dingtalkUserId));
      if (roles.length > 0) await tx.insert(roleGrants).values(roles.map((role) => ({ dingtalkUserId, role, grantedBy })));
    },

    /** Adds grants that are missing; returns the ones it added. */
    async ensureGrants(grants: { dingtalkUserId: string; role: AssignableRole }[], grantedBy: string, tx: Executor = db) {
      if (grants.length === 0) return [];
      return tx
        .insert(roleGrants)
        .values(grants.map((grant) => ({ ...grant, grantedBy })))
        .onConflictDoNothing()
        .returning({ dingtalkUserId: roleGrants.dingtalkUserId, role: roleGrants.role });
    },

    /** Everyone's leadership and status, and every grant, up to `limit` of each (the sandbox's "log in as" picker). */
    async listAccess(limit: number) {
      const people = await db.select({ dingtalkUserId: users.dingtalkUserId, isDepartmentLeader: users.isDepartmentLeader, status: users.status }).from(users).orderBy(asc(users.dingtalkUserId)).limit(limit);
      const grants = await db.select({ dingtalkUserId: roleGrants.dingtalkUserId, role: roleGrants.role }).from(roleGrants).orderBy(asc(roleGrants.dingtalkUserId)).limit(limit);
      return { people, grants };
    },
  };
}
