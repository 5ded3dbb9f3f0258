import type { AssignableRole } from '@dingops/shared/roles';
import { and, asc, eq, getTableColumns, gt, ilike, inArray, isNotNull, notLike, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { type NewUserRow, roleGrants, type UserRow, users } from './identity.table';
import { containing } from '../../db/like';
import { createRoleGrantsRepository } from './role-grants.repository';

export function createIdentityRepository({ db }: { db: Db }) {
  return {
    ...createRoleGrantsRepository({ db }),

    /**
     * Creates a person with `initialStatus`, or refreshes their profile; an existing person keeps
     * their status (a login never lifts a suspension nor skips registration review).
     */
    async upsertByDingtalkId(values: Omit<NewUserRow, 'id' | 'createdAt' | 'status'>, initialStatus: UserRow['status'], tx: Executor = db): Promise<{ row: UserRow; created: boolean }> {
      const [result] = await tx
        .insert(users)
        .values({ ...values, status: initialStatus })
        .onConflictDoUpdate({ target: users.dingtalkUserId, set: { ...values, updatedAt: sql`now()` } })
        // xmax = 0 only on a freshly inserted row: tells a first login from a returning one.
        .returning({ ...getTableColumns(users), created: sql<boolean>`(xmax = 0)` });
      if (!result) throw new Error('User upsert returned no row');
      const { created, ...row } = result;
      return { row, created };
    },

    async findByDingtalkId(dingtalkUserId: string, tx: Executor = db): Promise<UserRow | null> {
      const [row] = await tx.select().from(users).where(eq(users.dingtalkUserId, dingtalkUserId)).limit(1);
      return row ?? null;
    },

    /** The user and their granted roles in one round trip: the auth hook runs this on every request. */
    async findWithGrants(id: string): Promise<{ row: UserRow; grants: AssignableRole[] } | null> {
      const [found] = await db
        .select({
          row: users,
          // Spelled out: drizzle leaves columns unqualified here, which would bind both sides to role_grants.
          grants: sql<AssignableRole[]>`coalesce((SELECT array_agg(g.role) FROM role_grants g WHERE g.dingtalk_user_id = users.dingtalk_user_id), '{}')`,
        })
        .from(users)
        .where(eq(users.id, id))
        .limit(1);
      return found ?? null;
    },

    /** Sets the status when the account is in one of `from`; null when the user is missing or was in another status. */
    async changeStatus({ id, status, from }: { id: string; status: UserRow['status']; from: readonly UserRow['status'][] }, tx: Executor = db): Promise<UserRow | null> {
      const [row] = await tx
        .update(users)
        .set({ status, updatedAt: sql`now()` })
        .where(and(eq(users.id, id), inArray(users.status, [...from])))
        .returning();
      return row ?? null;
    },

    /** People waiting for registration review, oldest first (IT works the queue in order). */
    async listPending(limit: number): Promise<UserRow[]> {
      return db.select().from(users).where(eq(users.status, 'pending')).orderBy(asc(users.createdAt), asc(users.id)).limit(limit);
    },

    async findById(id: string, tx: Executor = db): Promise<UserRow | null> {
      const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
      return row ?? null;
    },

    async list({ q, withRole, afterName, afterId, limit }: { q?: string; withRole?: AssignableRole; afterName?: string; afterId?: string; limit: number }): Promise<UserRow[]> {
      const conditions = [];
      if (q) conditions.push(or(ilike(users.name, containing(q)), ilike(users.dingtalkUserId, containing(q)), ilike(users.title, containing(q))));
      if (withRole) {
        conditions.push(inArray(users.dingtalkUserId, db.select({ id: roleGrants.dingtalkUserId }).from(roleGrants).where(eq(roleGrants.role, withRole))));
      }
      if (afterName !== undefined && afterId !== undefined) {
        conditions.push(or(gt(users.name, afterName), and(eq(users.name, afterName), gt(users.id, afterId))));
      }
      return db.select().from(users).where(and(...conditions)).orderBy(asc(users.name), asc(users.id)).limit(limit);
    },

    /** Encrypted mobiles not written with the current key and algorithm (for re-encryption). */
    async listStaleMobiles({ currentPrefix, afterId, limit }: { currentPrefix: string; afterId: string | null; limit: number }) {
      const rows = await db
        .select({ id: users.id, value: users.mobileEncrypted })
        .from(users)
        .where(and(isNotNull(users.mobileEncrypted), notLike(users.mobileEncrypted, `${currentPrefix}:%`), afterId ? gt(users.id, afterId) : undefined))
        .orderBy(asc(users.id))
        .limit(limit);
      return rows.map((row) => ({ id: row.id, value: row.value ?? '' }));
    },

    async updateMobile(id: string, value: string): Promise<void> {
      await db.update(users).set({ mobileEncrypted: value }).where(eq(users.id, id));
    },

    /** True before anyone has logged in or been granted a role. */
    async isEmpty(): Promise<boolean> {
      const [user] = await db.select({ id: users.id }).from(users).limit(1);
      const [grant] = await db.select({ id: roleGrants.dingtalkUserId }).from(roleGrants).limit(1);
      return !user && !grant;
    },
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
