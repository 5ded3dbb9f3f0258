import { ticketCategoryListSchema, type putTicketCategoryBodySchema, type TicketCategoryNode } from '@dingops/shared/tickets';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type { TicketCategoryNode };
export type PutCategoryBody = z.infer<typeof putTicketCategoryBodySchema>;

// The editor reloads the whole tree after a change, so the answer's body is not needed.
const anyAnswer = z.unknown();

/** GET /ticket-categories?all=true (it_admin): every node, deactivated ones too. */
export async function listAllCategories(signal?: AbortSignal): Promise<TicketCategoryNode[]> {
  const { items } = await apiRequest('/ticket-categories', { query: { all: 'true' }, schema: ticketCategoryListSchema, signal, silent: true });
  return items;
}

/** PUT /ticket-categories/:code (it_admin): create or change one node. Field errors are the caller's to show. */
export async function putCategory(code: string, body: PutCategoryBody, { silent = true } = {}): Promise<void> {
  await apiRequest(`/ticket-categories/${encodeURIComponent(code)}`, { method: 'PUT', body, schema: anyAnswer, silent });
}
