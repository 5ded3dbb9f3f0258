import type { SlaState, Ticket } from '@dingops/shared/tickets';

/**
 * The clock that matters now: the response clock until IT picks the ticket up, then the
 * resolution clock (met or breached once it is done). A withdrawn ticket has none.
 */
export function liveSla(ticket: Pick<Ticket, 'status' | 'responseSla' | 'resolutionSla'>): SlaState | null {
  if (ticket.status === 'cancelled') return null;
  return ticket.status === 'reported' ? ticket.responseSla : ticket.resolutionSla;
}
