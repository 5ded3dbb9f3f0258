import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import { accessGrants, accessReviewItems, accessReviews, accessRoles, accessSystems, accessTasks } from '../access.table';
import { decidableBy, held, type Rows } from './reviews.shared';

/** Deciding a campaign's items, closing it, and the counts its report reads. */
export function createReviewDecisionsRepository({ db }: { db: Db }) {
  return {
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
  };
}
