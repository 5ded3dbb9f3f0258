import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client';
import { users } from '../../../platform/identity/identity.table';
import { accessGrants, accessReviewItems, accessReviews } from '../access.table';
import type { Rows } from './reviews.shared';

/** Reminders and escalations of undecided items, marked in one statement each so every item is nudged once. */
export function createReviewNudgesRepository() {
  return {
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
  };
}
