import type { AuditFilters } from '@dingops/shared/audit';
import { apiDownload } from '../../../lib/api-client';
import { env } from '../../../config/env';

/**
 * GET /audit/export.csv (auditor, IT admin) as a Blob. The token travels in the Authorization header,
 * which a plain <a href download> cannot send (nor can DingTalk's web view), so the page fetches the
 * file itself and saves it from an object URL.
 */
export function exportAuditCsv(filters: AuditFilters): Promise<Blob> {
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  const search = query.toString();
  return apiDownload(`${env.apiBaseUrl}/audit/export.csv${search ? `?${search}` : ''}`, { silent: true });
}
