import { quarterOf } from '@dingops/shared/rules/access';
import type { Db, Executor } from '../../../db/client';
import { systemContext, type AuditService } from '../../../platform/audit/audit.service';
import type { AccessLinks } from '../access.messages';
import type { AccessNotifier } from '../access.notify';
import type { People } from '../access.people';
import { reviewEscalatedToManager, reviewEscalatedToReviewer, reviewReminder, reviewStarted } from './reviews.messages';
import type { ReviewsRepository } from './reviews.repository';
import type { ReviewsService } from './reviews.service';

const dayMs = 86_400_000;

const groupBy = <T, K>(rows: T[], keyOf: (row: T) => K) => {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return groups;
};

/**
 * The scheduler's side of reviews: reminders halfway to due, escalation to the reviewer's manager
 * past due, and the quarterly campaign (rule S2 "reviewed periodically").
 */
export function createReviewJobs(deps: { db: Db; repo: ReviewsRepository; reviews: ReviewsService; audit: AuditService; notify: AccessNotifier; people: People; links: AccessLinks; fallbackReviewer: string | null; reviewDays: number }) {
  const { db, repo, reviews, audit, notify, people, links, fallbackReviewer, reviewDays } = deps;

  async function remind(tx: Executor, now: Date): Promise<number> {
    const marked = await repo.markReminders(tx, now);
    const campaigns = await repo.namesOfReviews([...new Set(marked.map((row) => row.reviewId))], tx);
    for (const [reviewId, rows] of groupBy(marked, (row) => row.reviewId)) {
      const review = campaigns.get(reviewId)!;
      const reviewers = rows.map((row) => row.reviewer);
      await notify.person(tx, { userIds: reviewers, msg: reviewReminder({ name: review.name, dueAt: review.dueAt, url: links.review(reviewId) }), key: `access-review:${reviewId}:reminded:${now.toISOString()}`, source: `access-reviews:${reviewId}` });
      await audit.record(systemContext, { action: 'access.review_reminded', target: { type: 'access_review', id: String(reviewId) }, summary: { name: review.name, reviewers, items: rows.reduce((sum, row) => sum + row.items, 0) } }, tx);
    }
    return new Set(marked.map((row) => `${row.reviewId}:${row.reviewer}`)).size;
  }

  async function escalate(tx: Executor, now: Date): Promise<number> {
    const marked = await repo.markEscalations(tx, now, fallbackReviewer);
    const campaigns = await repo.namesOfReviews([...new Set(marked.map((row) => row.reviewId))], tx);
    const names = await people.names(marked.map((row) => row.reviewer), tx);
    for (const row of marked) {
      const review = campaigns.get(row.reviewId)!;
      const url = links.review(row.reviewId);
      const key = `access-review:${row.reviewId}:escalated:${row.reviewer}:${now.toISOString()}`;
      await notify.person(tx, { userIds: [row.reviewer], msg: reviewEscalatedToReviewer({ name: review.name, url }), key, source: `access-reviews:${row.reviewId}` });
      if (row.escalatedTo) await notify.person(tx, { userIds: [row.escalatedTo], msg: reviewEscalatedToManager({ name: review.name, reviewerName: names.get(row.reviewer) ?? row.reviewer, items: row.items, url }), key: `${key}:to`, source: `access-reviews:${row.reviewId}` });
      await audit.record(systemContext, { action: 'access.review_escalated', target: { type: 'access_review', id: String(row.reviewId) }, summary: { name: review.name, reviewerId: row.reviewer, escalatedTo: row.escalatedTo, items: row.items } }, tx);
    }
    return marked.reduce((sum, row) => sum + row.items, 0);
  }

  return {
    /** `access.review_nudges`: one reminder per reviewer halfway to due; past due, undecided items go up a level. */
    async nudge(now: Date): Promise<string> {
      return db.transaction(async (tx) => `${await remind(tx, now)} reviewers reminded, ${await escalate(tx, now)} items escalated`);
    },

    /** `access.quarterly_review`: one campaign a quarter over every held grant; a second run in the quarter finds it. */
    async openQuarterly(now: Date): Promise<string> {
      const name = `${quarterOf(now)} 季度权限复核`;
      const dueAt = new Date(now.getTime() + reviewDays * dayMs);
      return db.transaction(async (tx) => {
        await repo.lockName(tx, name);
        if (await repo.findByName(name, tx)) return `${name} exists`;
        const opened = await reviews.open(tx, { name, kind: 'campaign', scope: {}, dueAt, createdBy: 'system', context: systemContext, message: (url) => reviewStarted({ name, dueAt, url }) });
        return opened ? `${name} opened: ${opened.items} items for ${opened.reviewers.length} reviewers` : `${name}: no grants to review`;
      });
    },
  };
}
