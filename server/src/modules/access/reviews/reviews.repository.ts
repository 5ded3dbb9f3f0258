import type { ReviewScope } from '@dingops/shared/access';
import { and, asc, count, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import { users } from '../../../platform/identity/identity.table';
import { accessGrants, accessReviewItems, accessReviews, accessRoles, accessSystems, accessTasks, type AccessReviewRow } from '../access.table';

type Rows<T> = { rows: T[] };
const held = sql`('provisioning', 'active')`;

/** Items a person may decide: assigned to them, or escalated to them. */
const decidableBy = (userId: string) => or(eq(accessReviewItems.reviewerDingtalkId, userId), eq(accessReviewItems.escalatedTo, userId));

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

    /** The items to decide, locked, with what the rules need of their grant. */
    async lockItems(tx: Executor, ids: number[]) {
      return tx
        .select({ item: accessReviewItems, grant: accessGrants, risk: accessRoles.risk, systemName: accessSystems.name, roleName: accessRoles.name })
        .from(accessReviewItems)
        .innerJoin(accessGrants, eq(accessGrants.id, accessReviewItems.grantId))
        .innerJoin(accessRoles, eq(accessRoles.id, accessGrants.roleId))
        .innerJoin(accessSystems, eq(accessSystems.id, accessRoles.systemId))
        .where(inArray(accessReviewItems.id, ids))
        .for('update', { of: accessReviewItems });
    },

    async decide(tx: Executor, { itemId, decision, comment, decidedBy, now }: { itemId: number; decision: 'keep' | 'revoke' | 'shorten'; comment: string | null; decidedBy: string; now: Date }): Promise<boolean> {
      const rows = await tx.update(accessReviewItems).set({ decision, comment, decidedBy, decidedAt: now }).where(and(eq(accessReviewItems.id, itemId), isNull(accessReviewItems.decision))).returning({ id: accessReviewItems.id });
      return rows.length === 1;
    },

    /** A shortened grant ends earlier; its end-of-grant reminder is due again for the new end. */
    async shortenGrant(tx: Executor, grantId: number, endsAt: Date): Promise<void> {
      await tx.update(accessGrants).set({ endsAt, remindedAt: null }).where(and(eq(accessGrants.id, grantId), sql`${accessGrants.status} in ${held}`));
    },

    async undecided(tx: Executor, reviewId: number, userId: string | null): Promise<number> {
      const [row] = await tx.select({ n: count() }).from(accessReviewItems).where(and(eq(accessReviewItems.reviewId, reviewId), isNull(accessReviewItems.decision), userId === null ? undefined : decidableBy(userId)));
      return Number(row?.n ?? 0);
    },

    async close(tx: Executor, reviewId: number, now: Date): Promise<boolean> {
      const rows = await tx.update(accessReviews).set({ status: 'closed', closedAt: now }).where(and(eq(accessReviews.id, reviewId), eq(accessReviews.status, 'open'))).returning({ id: accessReviews.id });
      return rows.length === 1;
    },

    async decisionCounts(reviewId: number, tx: Executor = db): Promise<{ total: number; decided: number; keep: number; revoke: number; shorten: number; revokesDone: number }> {
      const result = (await tx.execute(sql`
        select count(*)::int as total, count(i.decision)::int as decided,
          (count(*) filter (where i.decision = 'keep'))::int as keep,
          (count(*) filter (where i.decision = 'revoke'))::int as revoke,
          (count(*) filter (where i.decision = 'shorten'))::int as shorten,
          (count(*) filter (where i.decision = 'revoke' and not exists (
            select 1 from ${accessTasks} t where t.grant_id = i.grant_id and t.kind = 'deprovision' and t.status = 'open')))::int as "revokesDone"
        from ${accessReviewItems} i where i.review_id = ${reviewId}`)) as unknown as Rows<{ total: number; decided: number; keep: number; revoke: number; shorten: number; revokesDone: number }>;
      return result.rows[0]!;
    },

    /** What the per-reviewer report needs of every item, and nothing more. */
    async reviewerRows(reviewId: number) {
      return db
        .select({ reviewer: accessReviewItems.reviewerDingtalkId, decision: accessReviewItems.decision, decidedBy: accessReviewItems.decidedBy, decidedAt: accessReviewItems.decidedAt, firstSeenAt: accessReviewItems.firstSeenAt })
        .from(accessReviewItems)
        .where(eq(accessReviewItems.reviewId, reviewId));
    },

    /** Undecided items of open campaigns past halfway to due, not yet reminded: marked, answered by campaign and reviewer. */
    async markReminders(tx: Executor, now: Date): Promise<{ reviewId: number; reviewer: string; items: number }[]> {
      const result = (await tx.execute(sql`
        with marked as (
          update ${accessReviewItems} i set reminded_at = ${now.toISOString()}::timestamptz
          from ${accessReviews} r
          where r.id = i.review_id and r.status = 'open' and i.decision is null and i.reminded_at is null and i.escalated_at is null
            and r.created_at + (r.due_at - r.created_at) / 2 <= ${now.toISOString()}::timestamptz and r.due_at > ${now.toISOString()}::timestamptz
          returning i.review_id, i.reviewer_dingtalk_id
        )
        select review_id as "reviewId", reviewer_dingtalk_id as reviewer, count(*)::int as items from marked group by 1, 2 order by 1, 2`)) as unknown as Rows<{ reviewId: number; reviewer: string; items: number }>;
      return result.rows;
    },

    /**
     * Undecided items past due go to the reviewer's own manager (never the holder), else the
     * fallback; marked once, answered by campaign, reviewer and the person escalated to.
     */
    async markEscalations(tx: Executor, now: Date, fallback: string | null): Promise<{ reviewId: number; reviewer: string; escalatedTo: string | null; items: number }[]> {
      const result = (await tx.execute(sql`
        with marked as (
          update ${accessReviewItems} i set escalated_at = ${now.toISOString()}::timestamptz,
            escalated_to = coalesce(
              nullif(nullif((select u.manager_dingtalk_user_id from ${users} u where u.dingtalk_user_id = i.reviewer_dingtalk_id), (select g.user_dingtalk_id from ${accessGrants} g where g.id = i.grant_id)), i.reviewer_dingtalk_id),
              nullif(${fallback}::text, i.reviewer_dingtalk_id))
          from ${accessReviews} r
          where r.id = i.review_id and r.status = 'open' and i.decision is null and i.escalated_at is null and r.due_at <= ${now.toISOString()}::timestamptz
          returning i.review_id, i.reviewer_dingtalk_id, i.escalated_to
        )
        select review_id as "reviewId", reviewer_dingtalk_id as reviewer, escalated_to as "escalatedTo", count(*)::int as items from marked group by 1, 2, 3 order by 1, 2`)) as unknown as Rows<{ reviewId: number; reviewer: string; escalatedTo: string | null; items: number }>;
      return result.rows;
    },

    async namesOfReviews(ids: number[], tx: Executor = db): Promise<Map<number, AccessReviewRow>> {
      if (ids.length === 0) return new Map();
      const rows = await tx.select().from(accessReviews).where(inArray(accessReviews.id, ids));
      return new Map(rows.map((row) => [row.id, row]));
    },
  };
}

export type ReviewsRepository = ReturnType<typeof createReviewsRepository>;
