import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

/** POST /tickets/:ticketId/merge (IT): this ticket duplicates `intoTicketId`; the server cancels it. Quiet: the dialog shows why. */
export async function mergeTicket({ ticketId, intoTicketId, note }: { ticketId: string; intoTicketId: string; note?: string }): Promise<void> {
  await apiRequest(`/tickets/${encodeURIComponent(ticketId)}/merge`, { method: 'POST', body: { intoTicketId, note: note || undefined }, schema: z.unknown(), silent: true });
}
