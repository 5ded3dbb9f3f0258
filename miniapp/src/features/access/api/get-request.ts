import { accessRequestSchema, type AccessRequest } from '@dingops/shared/access';
import { apiRequest } from '../../../lib/api-client';

/** GET /access/requests/:id. Quiet: the page explains a 403/404 itself. */
export function getRequest(id: number, { signal }: { signal?: AbortSignal } = {}): Promise<AccessRequest> {
  return apiRequest(`/access/requests/${id}`, { schema: accessRequestSchema, signal, silent: true });
}
