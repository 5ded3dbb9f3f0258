import type { AssignableRole } from '@dingops/shared/roles';
import type { ListUsersQuery } from '@dingops/shared/users';
import type { AuditContext, AuditService } from '../../platform/audit/audit.service';
import type { Actor, IdentityService } from '../../platform/identity/identity.service';
import { alreadySuspended, cannotSuspendSelf, notSuspended } from './users.errors';

/** An IT admin changing a person's account status from DingOps. */
interface StatusInput {
  userId: string;
  reason: string | undefined;
  context: AuditContext;
  actor: Actor;
}

/** People administration on top of the platform identity: reads of other people are audited (rule S4). */
export function createUsersService({ identity, audit }: { identity: IdentityService; audit: AuditService }) {
  return {
    async listUsers({ query, context }: { query: ListUsersQuery; context: AuditContext }) {
      const page = await identity.listUsers(query);
      await audit.record(context, { action: 'users.listed', summary: { q: query.q ?? null, role: query.role ?? null, count: page.items.length } });
      return page;
    },

    async getUser({ userId, context }: { userId: string; context: AuditContext }) {
      const user = await identity.getUser(userId);
      if (userId !== context.actorId) await audit.record(context, { action: 'users.read', target: { type: 'user', id: userId } });
      return user;
    },

    setRoles: (input: { userId: string; roles: AssignableRole[]; context: AuditContext; actor: Actor }) => identity.setRoles(input),

    /** Suspends an account; its sessions are refused from the next request on. */
    async suspend({ userId, reason, context, actor }: StatusInput) {
      if (userId === actor.id) throw cannotSuspendSelf();
      const { user, changed } = await identity.suspend({ userId, reason: reason ?? 'Suspended by an IT admin', context, source: { kind: 'person' } });
      if (!changed) throw alreadySuspended();
      return user;
    },

    async reactivate({ userId, reason, context }: StatusInput) {
      const { user, changed } = await identity.reactivate({ userId, reason: reason ?? 'Reactivated by an IT admin', context, source: { kind: 'person' } });
      if (!changed) throw notSuspended();
      return user;
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
