import { grantPageSchema, type GrantStatus } from '@dingops/shared/access';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type GrantPage = z.infer<typeof grantPageSchema>;

type ListGrantsInput = { userId?: string; status?: GrantStatus; systemId?: number; cursor?: string | null; limit?: number; signal?: AbortSignal };

/** GET /access/grants: my own without userId; a manager's team member, or anyone for IT and auditors. */
export function listGrants({ userId, status, systemId, cursor, limit = 100, signal }: ListGrantsInput = {}): Promise<GrantPage> {
  return apiRequest('/access/grants', { query: { userId, status, systemId, cursor, limit }, schema: grantPageSchema, signal });
}
