import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

/** POST /tickets/:ticketId/assignment (IT): assign, or transfer to another IT person (rule F4). */
export async function assignTicket({ ticketId, assigneeId, note }: { ticketId: string; assigneeId: string; note?: string }): Promise<void> {
  await apiRequest(`/tickets/${encodeURIComponent(ticketId)}/assignment`, { method: 'POST', body: { assigneeId, note: note || undefined }, schema: z.unknown() });
}
