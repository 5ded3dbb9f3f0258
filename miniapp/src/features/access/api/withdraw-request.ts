import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

/** POST /access/requests/:id/withdraw: the requester takes back a pending request (its DingTalk approval is terminated). */
export async function withdrawRequest(id: number, reason?: string): Promise<void> {
  await apiRequest(`/access/requests/${id}/withdraw`, { method: 'POST', body: reason ? { reason } : {}, schema: z.unknown() });
}
