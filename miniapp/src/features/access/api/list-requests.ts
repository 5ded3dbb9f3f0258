import { requestPageSchema, type ListRequestsQuery, type RequestStatus } from '@dingops/shared/access';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type RequestPage = z.infer<typeof requestPageSchema>;
export type RequestScope = ListRequestsQuery['scope'];

type ListRequestsInput = { scope: RequestScope; status?: RequestStatus; cursor?: string | null; limit?: number; signal?: AbortSignal };

/** GET /access/requests: mine, my team's, waiting on me (`approvals`) or all (IT, auditors); newest first. */
export function listRequests({ scope, status, cursor, limit = 50, signal }: ListRequestsInput): Promise<RequestPage> {
  return apiRequest('/access/requests', { query: { scope, status, cursor, limit }, schema: requestPageSchema, signal });
}
