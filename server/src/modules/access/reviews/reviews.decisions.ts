import type { DecisionsBody } from '@dingops/shared/access';
import { bulkKeepAllowed, decisionProblem } from '@dingops/shared/rules/access';
import type { Db, Executor } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import type { Actor } from '../../../platform/identity/identity.service';
import type { GrantsService } from '../grants/grants.service';
import { badDecision, bulkKeepRefused, itemDecided, itemNotInReview, notYourItem, reviewClosed, reviewNotFound } from './reviews.errors';
import type { ReviewsRepository } from './reviews.repository';

type Input = DecisionsBody['items'][number];
type Locked = Awaited<ReturnType<ReviewsRepository['lockItems']>>[number];
interface Checked {
  input: Input;
  index: number;
  row: Locked;
}

/**
 * Reviewers decide (issue 12 item 5): keep, revoke (the grant ends now, with de-provisioning tasks)
 * or shorten. A request is all or nothing; the last decision closes the campaign.
 */
export function createReviewDecisions({ db, repo, audit, grants, clock }: { db: Db; repo: ReviewsRepository; audit: AuditService; grants: GrantsService; clock: () => Date }) {
  /** Refuses the request, naming the first item at fault, before anything changes. */
  function check({ reviewId, body, rows, me, now }: { reviewId: number; body: DecisionsBody; rows: Locked[]; me: string; now: Date }): Checked[] {
    const byId = new Map(rows.map((row) => [row.item.id, row]));
    const seen = new Set<number>();
    const checked = body.items.map((input, index) => {
      const row = byId.get(input.itemId);
      if (!row || row.item.reviewId !== reviewId) throw itemNotInReview(index);
      if (seen.has(input.itemId)) throw itemNotInReview(index, 'appears twice in this request');
      seen.add(input.itemId);
      return { input, index, row };
    });
    if (checked.some(({ row }) => row.item.reviewerDingtalkId !== me && row.item.escalatedTo !== me)) throw notYourItem();
    for (const { input, index, row } of checked) {
      const problem = decisionProblem({ decision: input.decision, comment: input.comment, endsAt: input.endsAt ? new Date(input.endsAt) : undefined, currentEnd: row.grant.endsAt, now });
      if (problem) throw badDecision(index, problem.field, problem.message);
    }
    const keeps = checked.filter(({ input }) => input.decision === 'keep');
    if (!bulkKeepAllowed(keeps.map(({ row }) => row.risk), checked.length)) throw bulkKeepRefused(keeps.find(({ row }) => row.risk === 'high')!.index);
    const decided = checked.find(({ row }) => row.item.decision !== null);
    if (decided) throw itemDecided(decided.index);
    return checked;
  }

  async function apply(tx: Executor, { input, index, row }: Checked, { me, now, context }: { me: string; now: Date; context: AuditContext }) {
    const comment = input.comment?.trim() || null;
    if (!(await repo.decide(tx, { itemId: row.item.id, decision: input.decision, comment, decidedBy: me, now }))) throw itemDecided(index);
    const { grant } = row;
    if (input.decision === 'revoke') await grants.end(tx, grant, { outcome: 'revoked', reason: `复核收回：${comment ?? ''}`, context });
    if (input.decision === 'shorten') await repo.shortenGrant(tx, grant.id, new Date(input.endsAt!));
    await audit.record(
      context,
      {
        action: 'access.review_decided',
        target: { type: 'access_review_item', id: String(row.item.id) },
        summary: {
          reviewId: row.item.reviewId,
          grantId: grant.id,
          userId: grant.userDingtalkId,
          system: row.systemName,
          role: row.roleName,
          risk: row.risk,
          decision: input.decision,
          comment,
          ...(input.decision === 'shorten' ? { endsBefore: grant.endsAt.toISOString(), endsAfter: new Date(input.endsAt!).toISOString() } : {}),
          ...(row.item.escalatedTo === me && row.item.reviewerDingtalkId !== me ? { escalatedFrom: row.item.reviewerDingtalkId } : {}),
        },
      },
      tx,
    );
  }

  return {
    /** Answers how many were decided and how many the caller still has to decide. */
    async decide({ reviewId, body, actor, context }: { reviewId: number; body: DecisionsBody; actor: Actor; context: AuditContext }): Promise<{ decided: number; remaining: number }> {
      const me = actor.dingtalkUserId;
      return db.transaction(async (tx) => {
        // The campaign row is the lock: the last two decisions, made at once, still close it exactly once.
        const review = await repo.find(reviewId, tx, { lock: true });
        if (!review) throw reviewNotFound(reviewId);
        if (review.status === 'closed') throw reviewClosed();
        const now = clock();
        const rows = await repo.lockItems(tx, [...new Set(body.items.map((item) => item.itemId))]);
        const checked = check({ reviewId, body, rows, me, now });
        for (const entry of checked) await apply(tx, entry, { me, now, context });
        if ((await repo.undecided(tx, reviewId, null)) === 0 && (await repo.close(tx, reviewId, now))) {
          const counts = await repo.decisionCounts(reviewId, tx);
          await audit.record(context, { action: 'access.review_closed', target: { type: 'access_review', id: String(reviewId) }, summary: { name: review.name, kind: review.kind, total: counts.total, keep: counts.keep, revoke: counts.revoke, shorten: counts.shorten } }, tx);
        }
        return { decided: checked.length, remaining: await repo.undecided(tx, reviewId, me) };
      });
    },
  };
}

export type ReviewDecisions = ReturnType<typeof createReviewDecisions>;
