import { ticketCategoryListSchema, type TicketCategoryNode } from '@dingops/shared/tickets';
import { apiRequest } from '../../../lib/api-client';

/** GET /ticket-categories: the whole tree IT edits, active and retired nodes. Quiet: the built-in labels stand in. */
export async function listCategories(): Promise<TicketCategoryNode[]> {
  const { items } = await apiRequest('/ticket-categories', { schema: ticketCategoryListSchema, silent: true });
  return items;
}
