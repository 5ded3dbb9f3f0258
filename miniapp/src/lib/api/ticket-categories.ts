import { ticketCategoryListSchema, type TicketCategoryNode } from '@dingops/shared/tickets';
import { apiRequest } from '../api-client';

export type { TicketCategoryNode };

type ListCategoriesInput = {
  /** Deactivated nodes too (it_admin only): what the category editor shows. */
  all?: boolean;
  signal?: AbortSignal;
  silent?: boolean;
};

/** GET /ticket-categories: the category tree, flat (each node names its parent); active nodes unless `all`. */
export async function listTicketCategories({ all = false, signal, silent }: ListCategoriesInput = {}): Promise<TicketCategoryNode[]> {
  const { items } = await apiRequest('/ticket-categories', { query: { all: all ? 'true' : undefined }, schema: ticketCategoryListSchema, signal, silent });
  return items;
}
