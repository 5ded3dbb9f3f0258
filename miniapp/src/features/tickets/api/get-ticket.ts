import { ticketDetailSchema, type TicketDetail } from '@dingops/shared/tickets';
import { apiRequest } from '../../../lib/api-client';

/** GET /tickets/:ticketId: the ticket with its timeline. Quiet: the page shows its own error state. */
export function getTicket({ ticketId, signal }: { ticketId: string; signal?: AbortSignal }): Promise<TicketDetail> {
  return apiRequest(`/tickets/${encodeURIComponent(ticketId)}`, { schema: ticketDetailSchema, silent: true, signal });
}
