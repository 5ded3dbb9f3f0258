import type { AccessHistoryQuery } from '@dingops/shared/access';
import { env } from '../../../config/env';
import { apiDownload } from '../../../lib/api-client';

/** GET /access/history.csv: the same query as a spreadsheet, fetched with the token. */
export function downloadHistory({ systemId, from, to }: AccessHistoryQuery): Promise<Blob> {
  const query = new URLSearchParams({ systemId: String(systemId), from, to });
  return apiDownload(`${env.apiBaseUrl}/access/history.csv?${query.toString()}`);
}
