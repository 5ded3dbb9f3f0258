import { decisionsResultSchema, type DecisionsBody } from '@dingops/shared/access';
import { apiRequest } from '../../../lib/api-client';

/** POST /access/reviews/:id/decisions: keep, revoke or shorten items. Quiet: the page maps the problem to its items. */
export function decideReview(id: number, body: DecisionsBody): Promise<{ decided: number; remaining: number }> {
  return apiRequest(`/access/reviews/${id}/decisions`, { method: 'POST', body, schema: decisionsResultSchema, silent: true });
}
