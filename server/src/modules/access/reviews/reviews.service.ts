import type { CreateReviewBody, ReviewItem, ReviewScope, ReviewSummary } from '@dingops/shared/access';
import type { Db, Executor } from '../../../db/client';
import type { WorkNotificationInput } from '../../../dingtalk/work-notifications';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import type { Actor } from '../../../platform/identity/identity.service';
import { decodeCursor, invalidCursor, keysetPage } from '../../../platform/pagination/cursor';
import type { AccessLinks } from '../access.messages';
import type { AccessNotifier } from '../access.notify';
import type { People } from '../access.people';
import type { AccessReviewRow } from '../access.table';
import { dueInPast, noGrantsToReview, reviewNotFound } from './reviews.errors';
import { reviewStarted } from './reviews.messages';
import type { ReviewsRepository } from './reviews.repository';

/** IT and auditors see every campaign and every item; anyone else only what they review. */
export const isReviewReader = (actor: Actor) => actor.roles.some((role) => role === 'it_admin' || role === 'it_staff' || role === 'auditor');

/** One DingTalk work notification call takes up to 5,000 recipients. */
const recipientsPerNotification = 5000;

export interface OpenReview {
  name: string;
  kind: 'campaign' | 'mover';
  scope: ReviewScope;
  dueAt: Date;
  createdBy: string;
  /** A mover's new manager reviews every item. */
  reviewerOverride?: string | null;
  context: AuditContext;
  message: (url: string) => WorkNotificationInput['msg'];
  /** More for the audit row (a mover's before and after). */
  details?: Record<string, unknown>;
}

export interface ReviewsDeps {
  db: Db;
  repo: ReviewsRepository;
  audit: AuditService;
  notify: AccessNotifier;
  people: People;
  links: AccessLinks;
  clock: () => Date;
  /** Reviews what nobody else can (the holder is their own manager and owner): the security lead. */
  fallbackReviewer: string | null;
}

const summaryOf = (row: AccessReviewRow, counts: { total: number; decided: number } | undefined): ReviewSummary => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  scope: row.scope,
  status: row.status,
  dueAt: row.dueAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
  total: counts?.total ?? 0,
  decided: counts?.decided ?? 0,
});

function afterIdOf(cursor: string | undefined): number | null {
  if (!cursor) return null;
  const [id] = decodeCursor(cursor, 1);
  if (!id || !/^\d{1,15}$/.test(id)) throw invalidCursor();
  return Number(id);
}

/** Access review campaigns (issue 12 item 5; rule S2 "reviewed periodically"): opened, listed, read. */
export function createReviewsService({ db, repo, audit, notify, people, links, clock, fallbackReviewer }: ReviewsDeps) {
  /**
   * Opens a campaign over the held grants in scope, in the caller's transaction: items in one
   * statement, one work notification for all its reviewers, audited. Null when nothing is in scope.
   */
  async function open(tx: Executor, input: OpenReview): Promise<{ review: AccessReviewRow; items: number; reviewers: string[] } | null> {
    if (!(await repo.anyInScope(tx, input.scope))) return null;
    const review = await repo.insertReview(tx, { name: input.name, kind: input.kind, scope: input.scope, dueAt: input.dueAt, createdBy: input.createdBy, createdAt: clock() });
    const perReviewer = await repo.insertItems(tx, { reviewId: review.id, scope: input.scope, reviewerOverride: input.reviewerOverride ?? null, fallbackReviewer });
    const reviewers = perReviewer.map((row) => row.reviewer);
    const items = perReviewer.reduce((sum, row) => sum + row.items, 0);
    const msg = input.message(links.review(review.id));
    for (let start = 0; start < reviewers.length; start += recipientsPerNotification) {
      await notify.person(tx, { userIds: reviewers.slice(start, start + recipientsPerNotification), msg, key: `access-review:${review.id}:started:${start}`, source: `access-reviews:${review.id}` });
    }
    await audit.record(
      input.context,
      { action: 'access.review_started', target: { type: 'access_review', id: String(review.id) }, summary: { name: review.name, kind: review.kind, scope: review.scope, dueAt: review.dueAt.toISOString(), items, reviewers: reviewers.length, ...(input.scope.userId ? { userId: input.scope.userId } : {}), ...input.details } },
      tx,
    );
    return { review, items, reviewers };
  }

  return {
    open,

    /** An IT admin opens a campaign; a scope with no held grant is refused naming body.scope. */
    async create({ body, actor, context }: { body: CreateReviewBody; actor: Actor; context: AuditContext }): Promise<{ id: number }> {
      const dueAt = new Date(body.dueAt);
      if (dueAt.getTime() <= clock().getTime()) throw dueInPast();
      return db.transaction(async (tx) => {
        const opened = await open(tx, { name: body.name, kind: 'campaign', scope: body.scope, dueAt, createdBy: actor.dingtalkUserId, context, message: (url) => reviewStarted({ name: body.name, dueAt, url }) });
        if (!opened) throw noGrantsToReview();
        return { id: opened.review.id };
      });
    },

    /** Campaigns with items for me to decide; every campaign for IT and auditors. Counts are mine, or all for them. */
    async list({ actor }: { actor: Actor }): Promise<{ items: ReviewSummary[] }> {
      const userId = isReviewReader(actor) ? null : actor.dingtalkUserId;
      const rows = await repo.list(userId, 200);
      const counts = await repo.counts(rows.map((row) => row.id), userId);
      return { items: rows.map((row) => summaryOf(row, counts.get(row.id))) };
    },

    /** The campaign and a page of items: a reviewer's own (opening them starts their clock), all for IT and auditors. */
    async get({ id, query, actor }: { id: number; query: { pending?: 'true' | 'false' | undefined; cursor?: string | undefined; limit: number }; actor: Actor }) {
      const review = await repo.find(id);
      if (!review) throw reviewNotFound(id);
      const me = actor.dingtalkUserId;
      const reader = isReviewReader(actor);
      const mine = (await repo.counts([id], me)).get(id);
      if (!reader && !mine) throw reviewNotFound(id);
      if (mine) await repo.markSeen(id, me, clock());
      const rows = await repo.items({ reviewId: id, userId: reader ? null : me, pendingOnly: query.pending === 'true', afterId: afterIdOf(query.cursor), limit: query.limit + 1 });
      const page = keysetPage(rows, query.limit, (row) => [String(row.item.id)]);
      const names = await people.names(page.items.map((row) => row.grant.userDingtalkId));
      const counts = reader ? (await repo.counts([id], null)).get(id) : mine;
      const items = page.items.map(
        ({ item, grant, roleName, risk, systemName }): ReviewItem => ({
          id: item.id,
          grantId: grant.id,
          userId: grant.userDingtalkId,
          userName: names.get(grant.userDingtalkId) ?? grant.userName,
          systemName,
          roleName,
          risk,
          endsAt: grant.endsAt.toISOString(),
          reviewerId: item.reviewerDingtalkId,
          decision: item.decision,
          comment: item.comment,
          decidedAt: item.decidedAt?.toISOString() ?? null,
        }),
      );
      return { ...summaryOf(review, counts), items, nextCursor: page.nextCursor };
    },
  };
}

export type ReviewsService = ReturnType<typeof createReviewsService>;
