import type { AssignableRole } from '@dingops/shared/roles';
import type { User } from '@dingops/shared/users';
import type { Db, Executor } from '../../db/client';
import type { AuditContext, AuditService } from '../audit/audit.service';
import { cannotDropOwnAdmin } from './identity.errors';
import type { IdentityRepository } from './identity.repository';
import type { Actor, PersonAccess } from './identity.types';

/** The roles DingOps grants (rule R3): set by IT, ensured at start, and listed with what DingTalk says. */
export function createRoleGrants({ db, repo, audit, requireUser }: { db: Db; repo: IdentityRepository; audit: AuditService; requireUser: (id: string, tx?: Executor) => Promise<User> }) {
  return {
    async setRoles({ userId, roles, context, actor }: { userId: string; roles: AssignableRole[]; context: AuditContext; actor: Actor }): Promise<User> {
      return db.transaction(async (tx) => {
        const before = await requireUser(userId, tx);
        if (before.id === actor.id && before.roles.includes('it_admin') && !roles.includes('it_admin')) throw cannotDropOwnAdmin();
        const unique = [...new Set(roles)];
        await repo.replaceGrants({ dingtalkUserId: before.dingtalkUserId, roles: unique, grantedBy: actor.dingtalkUserId }, tx);
        const after = await requireUser(userId, tx);
        await audit.record(context, { action: 'users.roles_changed', target: { type: 'user', id: userId }, summary: { before: before.roles, after: after.roles } }, tx);
        return after;
      });
    },

    /** Grants that must exist (ADMIN_USER_IDS, the sandbox's demo roles); each new one is audited. */
    async ensureGrants(grants: { dingtalkUserId: string; role: AssignableRole }[], context: AuditContext): Promise<void> {
      await db.transaction(async (tx) => {
        const added = await repo.ensureGrants(grants, context.actorId ?? 'system', tx);
        for (const grant of added) {
          await audit.record(context, { action: 'users.role_granted', target: { type: 'dingtalk_user', id: grant.dingtalkUserId }, summary: { role: grant.role } }, tx);
        }
      });
    },

    /** What DingOps knows of each person's access: grants, leadership and status, by DingTalk user id. */
    async listAccess(limit = 1000): Promise<PersonAccess[]> {
      const { people, grants } = await repo.listAccess(limit);
      const byId = new Map<string, PersonAccess>(people.map((person) => [person.dingtalkUserId, { ...person, granted: [] }]));
      for (const grant of grants) {
        const entry = byId.get(grant.dingtalkUserId) ?? { dingtalkUserId: grant.dingtalkUserId, isDepartmentLeader: null, status: null, granted: [] };
        entry.granted.push(grant.role);
        byId.set(grant.dingtalkUserId, entry);
      }
      return [...byId.values()];
    },
  };
}
