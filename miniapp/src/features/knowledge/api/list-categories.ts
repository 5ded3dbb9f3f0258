import { ticketCategoryListSchema, type TicketCategoryNode } from '@dingops/shared/tickets';
import { apiRequest } from '../../../lib/api-client';

export type { TicketCategoryNode };

/** GET /ticket-categories: the active category tree, flat (each node names its parent). */
export async function listCategories(signal?: AbortSignal): Promise<TicketCategoryNode[]> {
  const { items } = await apiRequest('/ticket-categories', { schema: ticketCategoryListSchema, signal });
  return items;
}
