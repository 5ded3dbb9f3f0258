import { ticketSchema, type Ticket, type TransitionBody } from '@dingops/shared/tickets';
import { apiRequest } from '../../../lib/api-client';

type TransitionInput = { ticketId: string; body: TransitionBody; silent?: boolean };

/** POST /tickets/:ticketId/transitions: accept, diagnose, resolve, confirm, reopen, close or cancel. */
export function transitionTicket({ ticketId, body, silent }: TransitionInput): Promise<Ticket> {
  return apiRequest(`/tickets/${encodeURIComponent(ticketId)}/transitions`, { method: 'POST', body, schema: ticketSchema, silent });
}
