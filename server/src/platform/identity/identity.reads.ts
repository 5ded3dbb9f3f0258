import { type AssignableRole, effectiveRoles } from '@dingops/shared/roles';
import type { ListUsersQuery, PendingUser, User } from '@dingops/shared/users';
import type { Executor } from '../../db/client';
import type { FieldCipher } from '../crypto/field-cipher';
import { decodeCursor, invalidCursor, keysetPage } from '../pagination/cursor';
import { userNotFound } from './identity.errors';
import type { IdentityRepository } from './identity.repository';
import type { Actor } from './identity.types';
import type { UserRow } from './identity.table';
import { maskMobile } from './registration.rules';

/** People as the API shows them: one, a page, the ones waiting for review, and the actor of a session. */
export function createUserReads({ repo, cipher }: { repo: IdentityRepository; cipher: FieldCipher }) {
  async function toUsers(rows: UserRow[], tx?: Executor): Promise<User[]> {
    const grants = await repo.grantsFor(rows.map((row) => row.dingtalkUserId), tx);
    return rows.map((row) => toUser(row, grants.get(row.dingtalkUserId) ?? []));
  }

  async function requireUser(id: string, tx?: Executor): Promise<User> {
    const row = await repo.findById(id, tx);
    if (!row) throw userNotFound(id);
    const [user] = await toUsers([row], tx);
    return user as User;
  }

  return {
    toUsers,
    requireUser,

    /** People waiting for registration review, with their mobile masked (rule S1 review, P4 privacy). */
    async listPending(limit = 200): Promise<PendingUser[]> {
      const rows = await repo.listPending(limit);
      return rows.map((row) => ({
        id: row.id,
        dingtalkUserId: row.dingtalkUserId,
        name: row.name,
        avatarUrl: row.avatarUrl,
        departments: row.departments,
        title: row.title,
        mobileMasked: maskMobile(row.mobileEncrypted ? cipher.decrypt(row.mobileEncrypted) : null),
        createdAt: row.createdAt.toISOString(),
      }));
    },

    getUser: (id: string) => requireUser(id),

    /** The DingOps user for a DingTalk user id, or null if they never logged in nor were synced. */
    async findByDingtalkId(dingtalkUserId: string, tx?: Executor): Promise<User | null> {
      const row = await repo.findByDingtalkId(dingtalkUserId, tx);
      if (!row) return null;
      const [user] = await toUsers([row], tx);
      return user ?? null;
    },

    /**
     * The actor for a session token; null when the person no longer exists, is suspended or was
     * rejected. A person waiting for review is returned: the route guard lets them reach /me only.
     */
    async findSessionActor(id: string): Promise<Actor | null> {
      const found = await repo.findWithGrants(id);
      if (!found || (found.row.status !== 'active' && found.row.status !== 'pending')) return null;
      return toUser(found.row, found.grants);
    },

    /** An active person by DingOps id (e.g. a ticket assignee); null when missing, pending, suspended or rejected. */
    async findActiveActor(id: string): Promise<Actor | null> {
      const found = await repo.findWithGrants(id);
      if (!found || found.row.status !== 'active') return null;
      return toUser(found.row, found.grants);
    },

    async listUsers(query: ListUsersQuery): Promise<{ items: User[]; nextCursor: string | null }> {
      const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
      if (after && !/^[0-9a-f-]{36}$/.test(after[1] ?? '')) throw invalidCursor();
      const rows = await repo.list({
        ...(query.q ? { q: query.q } : {}),
        ...(query.role && query.role !== 'employee' && query.role !== 'manager' ? { withRole: query.role } : {}),
        ...(after ? { afterName: after[0], afterId: after[1] } : {}),
        limit: query.limit + 1,
      });
      const page = keysetPage(rows, query.limit, (row) => [row.name, row.id]);
      let items = await toUsers(page.items);
      if (query.role === 'manager') items = items.filter((user) => user.isManager);
      return { items, nextCursor: page.nextCursor };
    },
  };
}

function toUser(row: UserRow, grants: AssignableRole[]): User {
  return {
    id: row.id,
    dingtalkUserId: row.dingtalkUserId,
    name: row.name,
    title: row.title,
    avatarUrl: row.avatarUrl,
    departments: row.departments,
    roles: effectiveRoles({ granted: grants, isDepartmentLeader: row.isDepartmentLeader }),
    isManager: row.isDepartmentLeader,
    status: row.status,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}
