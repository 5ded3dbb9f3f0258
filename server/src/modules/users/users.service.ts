import type { AssignableRole } from '@dingops/shared/roles';
import type { ListUsersQuery } from '@dingops/shared/users';
import type { Db } from '../../db/client';
import type { AuditContext, AuditService } from '../../platform/audit/audit.service';
import type { Actor, IdentityService } from '../../platform/identity/identity.service';
import { alreadySuspended, cannotSuspendSelf, notPending, notSuspended } from './users.errors';
import type { createRegistrationNotifier } from './users.notifications';

/** An IT admin changing a person's account status from DingOps. */
interface StatusInput {
  userId: string;
  reason: string | undefined;
  context: AuditContext;
  actor: Actor;
}

/** People administration on top of the platform identity: reads of other people are audited (rule S4). */
interface UsersDeps {
  db: Db;
  identity: IdentityService;
  audit: AuditService;
  notifier: ReturnType<typeof createRegistrationNotifier>;
}

export function createUsersService({ db, identity, audit, notifier }: UsersDeps) {
  /** 409 unless the person is waiting for review; 404 when there is no such person. */
  async function requirePending(userId: string) {
    const user = await identity.getUser(userId);
    if (user.status !== 'pending') throw notPending(user.status);
  }

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

    /** Rule S1: who waits for registration review; reading their (masked) profiles is audited (S4). */
    async listPending({ context }: { context: AuditContext }) {
      const items = await identity.listPending();
      await audit.record(context, { action: 'users.pending_listed', summary: { count: items.length } });
      return { items };
    },

    /** Rule S1: IT verified the person; they are told by a work notification. */
    async activate({ userId, context }: { userId: string; context: AuditContext }) {
      await requirePending(userId);
      return db.transaction(async (tx) => {
        const { user, changed } = await identity.activate({ userId, reason: 'Registration verified by IT', context, source: { kind: 'person' } }, tx);
        if (!changed) throw notPending(user.status);
        await notifier.activated(user, tx);
        return user;
      });
    },

    /** Rule S1: IT refused the registration; the person is told why, and their logins are refused with the reason. */
    async reject({ userId, reason, context }: { userId: string; reason: string; context: AuditContext }) {
      await requirePending(userId);
      return db.transaction(async (tx) => {
        const { user, changed } = await identity.reject({ userId, reason, context, source: { kind: 'person' } }, tx);
        if (!changed) throw notPending(user.status);
        await notifier.rejected(user, reason, tx);
        return user;
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
