import { env } from '../../../config/env';
import { apiDownload } from '../../../lib/api-client';

/** GET /access/reviews/:id/report.csv, fetched with the token (a plain link would carry none). */
export function downloadReviewReport(id: number): Promise<Blob> {
  return apiDownload(`${env.apiBaseUrl}/access/reviews/${id}/report.csv`);
}
