import { useCursorList } from '../../../hooks/use-cursor-list';
import { listTickets, type TicketFilters, type TicketView } from '../api/list-tickets';

/** A view's tickets: first page on every view or filter change, more pages on demand, pull to refresh. */
export function useTicketList({ view, filters }: { view: TicketView; filters: TicketFilters }) {
  const { status, level, category, overdue, assigneeId } = filters;
  return useCursorList(
    (page) => listTickets({ view, filters: { status, level, category, overdue, assigneeId }, ...page }),
    JSON.stringify([view, status, level, category, overdue, assigneeId]),
  );
}
