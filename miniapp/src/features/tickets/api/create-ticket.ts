import { ticketSchema, type CreateTicketBody, type Ticket } from '@dingops/shared/tickets';
import { apiRequest } from '../../../lib/api-client';

/** POST /tickets: report a fault (rules F3, R5). Quiet: the form puts errors under its fields. */
export function createTicket(body: CreateTicketBody): Promise<Ticket> {
  return apiRequest('/tickets', { method: 'POST', body, schema: ticketSchema, silent: true });
}
