import { env } from '../../../config/env';
import { apiDownload } from '../../../lib/api-client';

/** GET /tickets/:ticketId/report: the printable fault report (rule F6) as HTML, fetched with the token. */
export function getTicketReport(ticketId: string): Promise<Blob> {
  return apiDownload(`${env.apiBaseUrl}/tickets/${encodeURIComponent(ticketId)}/report`);
}
