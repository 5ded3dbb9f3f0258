import { accessHistorySchema, type AccessHistoryQuery } from '@dingops/shared/access';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type AccessHistory = z.infer<typeof accessHistorySchema>;

/** GET /access/history: who held a role in the system at any time in [from, to) (auditor, it_admin). */
export function getHistory(query: AccessHistoryQuery, { signal }: { signal?: AbortSignal } = {}): Promise<AccessHistory> {
  return apiRequest('/access/history', { query: { ...query }, schema: accessHistorySchema, signal, silent: true });
}
