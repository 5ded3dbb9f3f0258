import { reviewReportSchema, type ReviewReport } from '@dingops/shared/access';
import { apiRequest } from '../../../lib/api-client';

/** GET /access/reviews/:id/report: decisions and per-reviewer completion (rubber-stamping flagged). */
export function getReviewReport(id: number, { signal }: { signal?: AbortSignal } = {}): Promise<ReviewReport> {
  return apiRequest(`/access/reviews/${id}/report`, { schema: reviewReportSchema, signal });
}
