import { createdSchema, type CreateReviewBody } from '@dingops/shared/access';
import { apiRequest } from '../../../lib/api-client';

/** POST /access/reviews (it_admin): start a review campaign (rule S2's periodic review). Quiet: the sheet shows errors. */
export function createReview(body: CreateReviewBody): Promise<{ id: number }> {
  return apiRequest('/access/reviews', { method: 'POST', body, schema: createdSchema, silent: true });
}
