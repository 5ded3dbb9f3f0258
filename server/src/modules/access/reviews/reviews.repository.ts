import type { ReviewScope } from '@dingops/shared/access';
import { and, asc, count, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import { users } from '../../../platform/identity/identity.table';
import { accessGrants, accessReviewItems, accessReviews, accessRoles, accessSystems, type AccessReviewRow } from '../access.table';
import { createReviewDecisionsRepository } from './review-decisions.repository';
import { createReviewNudgesRepository } from './review-nudges.repository';
import { decidableBy, held, type Rows } from './reviews.shared';

/** Which held grants a campaign covers. A department needs a users row: people who never logged in have no stored departments. */
function scopeFilter(scope: ReviewScope): SQL {
  const parts: SQL[] = [sql`g.status in ${held}`];
  if (scope.systemId !== undefined) parts.push(sql`r.system_id = ${scope.systemId}`);
  if (scope.risk !== undefined) parts.push(sql`r.risk = ${scope.risk}`);
  if (scope.userId !== undefined) parts.push(sql`g.user_dingtalk_id = ${scope.userId}`);
  if (scope.departmentId !== undefined) parts.push(sql`u.departments @> ${JSON.stringify([{ id: scope.departmentId }])}::jsonb`);
  return sql.join(parts, sql` and `);
}

/**
 * The reviewer of each grant, first match wins and never the holder: the holder's manager (as
 * DingOps stores them, else the manager who approved the request), or the system owner when the
 * system is reviewed by its owner or no manager is known; then the fallback (the security lead).
 * A mover's review names the new manager first.
 */
function reviewerExpression(override: string | null, fallback: string | null): SQL {
  const not = (expression: SQL) => sql`nullif(${expression}, g.user_dingtalk_id)`;
  const manager = sql`coalesce(${not(sql`u.manager_dingtalk_user_id`)}, ${not(sql`(select a->>'userId' from jsonb_array_elements(q.approvers) a where a->>'step' = 'manager' limit 1)`)})`;
  const owner = not(sql`s.owner_dingtalk_id`);
  const rule = sql`case when s.reviewer = 'owner' then coalesce(${owner}, ${manager}) else coalesce(${manager}, ${owner}) end`;
  return sql`coalesce(${not(sql`${override}::text`)}, ${rule}, ${fallback}::text, s.owner_dingtalk_id)`;
}

export function createReviewsRepository({ db }: { db: Db }) {
  return {
    ...createReviewDecisionsRepository({ db }),
    ...createReviewNudgesRepository(),

    async insertReview(tx: Executor, values: typeof accessReviews.$inferInsert): Promise<AccessReviewRow> {
      const [row] = await tx.insert(accessReviews).values(values).returning();
      return row!;
    },

    /** Whether any held grant is in the scope (checked before a campaign row exists, so nothing is left to roll back). */
    async anyInScope(tx: Executor, scope: ReviewScope): Promise<boolean> {
      const result = (await tx.execute(sql`
        select exists (select 1 from ${accessGrants} g join ${accessRoles} r on r.id = g.role_id left join ${users} u on u.dingtalk_user_id = g.user_dingtalk_id where ${scopeFilter(scope)}) as "any"`)) as unknown as Rows<{ any: boolean }>;
      return result.rows[0]?.any === true;
    },

    /** One statement for the whole campaign (50,000 grants are one round trip); answers the items per reviewer. */
    async insertItems(tx: Executor, { reviewId, scope, reviewerOverride, fallbackReviewer }: { reviewId: number; scope: ReviewScope; reviewerOverride: string | null; fallbackReviewer: string | null }): Promise<{ reviewer: string; items: number }[]> {
      const result = (await tx.execute(sql`
        with inserted as (
          insert into ${accessReviewItems} (review_id, grant_id, reviewer_dingtalk_id)
          select ${reviewId}, g.id, ${reviewerExpression(reviewerOverride, fallbackReviewer)}
          from ${accessGrants} g
          join ${accessRoles} r on r.id = g.role_id
          join ${accessSystems} s on s.id = r.system_id
          left join ${users} u on u.dingtalk_user_id = g.user_dingtalk_id
          left join access_requests q on q.id = g.request_id
          where ${scopeFilter(scope)}
          order by g.id
          returning reviewer_dingtalk_id
        )
        select reviewer_dingtalk_id as reviewer, count(*)::int as items from inserted group by 1 order by 1`)) as unknown as Rows<{ reviewer: string; items: number }>;
      return result.rows;
    },

    async find(id: number, tx: Executor = db, { lock = false } = {}): Promise<AccessReviewRow | null> {
      const query = tx.select().from(accessReviews).where(eq(accessReviews.id, id));
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },

    /** Two runs opening the same named campaign at once take turns (the second finds the first's). */
    async lockName(tx: Executor, name: string): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`access.review:${name}`}))`);
    },

    async findByName(name: string, tx: Executor = db): Promise<AccessReviewRow | null> {
      const [row] = await tx.select().from(accessReviews).where(eq(accessReviews.name, name)).limit(1);
      return row ?? null;
    },

    /** Newest first; with `userId`, only campaigns where that person has something to decide. */
    async list(userId: string | null, limit: number): Promise<AccessReviewRow[]> {
      const mine = userId === null ? undefined : inArray(accessReviews.id, db.selectDistinct({ id: accessReviewItems.reviewId }).from(accessReviewItems).where(decidableBy(userId)));
      return db.select().from(accessReviews).where(mine).orderBy(sql`${accessReviews.id} desc`).limit(limit);
    },

    /** Total and decided items per campaign, all of them or one person's. */
    async counts(reviewIds: number[], userId: string | null, tx: Executor = db): Promise<Map<number, { total: number; decided: number }>> {
      if (reviewIds.length === 0) return new Map();
      const rows = await tx
        .select({ reviewId: accessReviewItems.reviewId, total: count(), decided: count(accessReviewItems.decision) })
        .from(accessReviewItems)
        .where(and(inArray(accessReviewItems.reviewId, reviewIds), userId === null ? undefined : decidableBy(userId)))
        .groupBy(accessReviewItems.reviewId);
      return new Map(rows.map((row) => [row.reviewId, { total: Number(row.total), decided: Number(row.decided) }]));
    },

    /** A page of items with their grant, role and system, oldest first. */
    async items({ reviewId, userId, pendingOnly, afterId, limit }: { reviewId: number; userId: string | null; pendingOnly: boolean; afterId: number | null; limit: number }, tx: Executor = db) {
      return tx
        .select({ item: accessReviewItems, grant: accessGrants, roleName: accessRoles.name, risk: accessRoles.risk, systemName: accessSystems.name })
        .from(accessReviewItems)
        .innerJoin(accessGrants, eq(accessGrants.id, accessReviewItems.grantId))
        .innerJoin(accessRoles, eq(accessRoles.id, accessGrants.roleId))
        .innerJoin(accessSystems, eq(accessSystems.id, accessRoles.systemId))
        .where(
          and(
            eq(accessReviewItems.reviewId, reviewId),
            userId === null ? undefined : decidableBy(userId),
            pendingOnly ? isNull(accessReviewItems.decision) : undefined,
            afterId === null ? undefined : gt(accessReviewItems.id, afterId),
          ),
        )
        .orderBy(asc(accessReviewItems.id))
        .limit(limit);
    },

    /** The first time a reviewer opens their list starts the clock rubber-stamping is measured by. */
    async markSeen(reviewId: number, userId: string, now: Date): Promise<void> {
      await db.update(accessReviewItems).set({ firstSeenAt: now }).where(and(eq(accessReviewItems.reviewId, reviewId), decidableBy(userId), isNull(accessReviewItems.firstSeenAt)));
    },

    async namesOfReviews(ids: number[], tx: Executor = db): Promise<Map<number, AccessReviewRow>> {
      if (ids.length === 0) return new Map();
      const rows = await tx.select().from(accessReviews).where(inArray(accessReviews.id, ids));
      return new Map(rows.map((row) => [row.id, row]));
    },
  };
}

export type ReviewsRepository = ReturnType<typeof createReviewsRepository>;
