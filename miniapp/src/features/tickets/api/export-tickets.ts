import { env } from '../../../config/env';
import { apiDownload } from '../../../lib/api-client';
import type { TicketFilters, TicketView } from './list-tickets';

/** The query the list uses, without paging: export.csv takes the same filters. */
export function ticketFilterQuery(view: TicketView, filters: TicketFilters): URLSearchParams {
  const query = new URLSearchParams({ view });
  if (filters.status) query.set('status', filters.status);
  if (filters.level) query.set('level', String(filters.level));
  if (filters.category) query.set('category', filters.category);
  if (filters.overdue) query.set('overdue', 'true');
  if (filters.assigneeId) query.set('assigneeId', filters.assigneeId);
  return query;
}

/** GET /tickets/export.csv: the filtered list as a spreadsheet file (rule F7's review material). */
export function exportTickets({ view, filters }: { view: TicketView; filters: TicketFilters }): Promise<Blob> {
  return apiDownload(`${env.apiBaseUrl}/tickets/export.csv?${ticketFilterQuery(view, filters).toString()}`);
}
