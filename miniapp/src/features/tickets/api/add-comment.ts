import { ticketDetailSchema, type TicketDetail } from '@dingops/shared/tickets';
import { apiRequest } from '../../../lib/api-client';

/** POST /tickets/:ticketId/comments: a note on the timeline; answers with the whole ticket. */
export function addComment({ ticketId, note }: { ticketId: string; note: string }): Promise<TicketDetail> {
  return apiRequest(`/tickets/${encodeURIComponent(ticketId)}/comments`, { method: 'POST', body: { note }, schema: ticketDetailSchema });
}
