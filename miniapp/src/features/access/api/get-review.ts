import { reviewDetailSchema } from '@dingops/shared/access';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type ReviewDetail = z.infer<typeof reviewDetailSchema>;

type GetReviewInput = { id: number; pending?: boolean; cursor?: string | null; signal?: AbortSignal };

/** GET /access/reviews/:id: the campaign and the items I must decide (all of them for IT and auditors). */
export function getReview({ id, pending, cursor, signal }: GetReviewInput): Promise<ReviewDetail> {
  return apiRequest(`/access/reviews/${id}`, { query: { pending: pending ? 'true' : undefined, cursor, limit: 200 }, schema: reviewDetailSchema, signal, silent: true });
}
