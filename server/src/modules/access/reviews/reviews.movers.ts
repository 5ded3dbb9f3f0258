import type { FastifyBaseLogger } from 'fastify';
import type { ProfileChange, ProfileListener } from '../../../platform/identity/identity.service';
import { moverReviewStarted } from './reviews.messages';
import type { ReviewsService } from './reviews.service';

const dayMs = 86_400_000;

const placeOf = (profile: ProfileChange['before']) => ({ departmentIds: profile.departments.map((department) => department.id), managerId: profile.managerDingtalkUserId });

/**
 * Movers (issue 12 item 6; rule S2 "updated at once"): when DingTalk moves a person to another
 * department or manager, their new manager reviews every grant they still hold, in the transaction
 * that stores the move. Nothing happens for someone who holds nothing.
 */
export function createMoverReviews({ reviews, clock, reviewDays, log }: { reviews: ReviewsService; clock: () => Date; reviewDays: number; log: FastifyBaseLogger }): ProfileListener {
  return async (change, tx) => {
    const dueAt = new Date(clock().getTime() + reviewDays * dayMs);
    const opened = await reviews.open(tx, {
      name: `调岗权限复核：${change.name}`,
      kind: 'mover',
      scope: { userId: change.dingtalkUserId },
      dueAt,
      createdBy: change.context.actorId ?? 'dingtalk',
      reviewerOverride: change.after.managerDingtalkUserId,
      context: change.context,
      message: (url) => moverReviewStarted({ personName: change.name, dueAt, url }),
      details: { move: { before: placeOf(change.before), after: placeOf(change.after) } },
    });
    if (opened) log.info({ dingtalkUserId: change.dingtalkUserId, reviewId: opened.review.id, items: opened.items }, 'Opened a mover’s access review');
  };
}
