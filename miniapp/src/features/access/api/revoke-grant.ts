import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

/** POST /access/grants/:id/revoke (it_admin, or the holder's manager); the reason is kept in the audit log. */
export async function revokeGrant(id: number, reason: string): Promise<void> {
  await apiRequest(`/access/grants/${id}/revoke`, { method: 'POST', body: { reason }, schema: z.unknown(), silent: true });
}
