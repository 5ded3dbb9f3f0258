import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

/** POST (join) or DELETE (leave) /tickets/:ticketId/me-too: "I have the same problem". */
export async function setMeToo({ ticketId, affected }: { ticketId: string; affected: boolean }): Promise<void> {
  await apiRequest(`/tickets/${encodeURIComponent(ticketId)}/me-too`, { method: affected ? 'POST' : 'DELETE', schema: z.unknown() });
}
