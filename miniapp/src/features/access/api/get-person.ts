import { personAccessSchema } from '@dingops/shared/access';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type PersonAccess = z.infer<typeof personAccessSchema>;

/** GET /access/people/:userId: one person's whole access history. Quiet: the page explains a 403/404. */
export function getPerson(userId: string, { signal }: { signal?: AbortSignal } = {}): Promise<PersonAccess> {
  return apiRequest(`/access/people/${encodeURIComponent(userId)}`, { schema: personAccessSchema, signal, silent: true });
}
