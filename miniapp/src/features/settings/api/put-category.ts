import type { putTicketCategoryBodySchema } from '@dingops/shared/tickets';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type PutCategoryBody = z.infer<typeof putTicketCategoryBodySchema>;

// The editor reloads the whole tree after a change, so the answer's body is not needed.
const anyAnswer = z.unknown();

/** PUT /ticket-categories/:code (it_admin): create or change one node. Field errors are the caller's to show. */
export async function putCategory(code: string, body: PutCategoryBody, { silent = true } = {}): Promise<void> {
  await apiRequest(`/ticket-categories/${encodeURIComponent(code)}`, { method: 'PUT', body, schema: anyAnswer, silent });
}
