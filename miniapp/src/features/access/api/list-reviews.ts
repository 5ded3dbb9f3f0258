import { reviewListSchema, type ReviewSummary } from '@dingops/shared/access';
import { apiRequest } from '../../../lib/api-client';

/** GET /access/reviews: campaigns where I have items (IT and auditors: all of them). */
export async function listReviews({ signal }: { signal?: AbortSignal } = {}): Promise<ReviewSummary[]> {
  return (await apiRequest('/access/reviews', { schema: reviewListSchema, signal })).items;
}
