import { createdRequestSchema, type CreateRequestBody } from '@dingops/shared/access';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type CreatedRequest = z.infer<typeof createdRequestSchema>;

/** POST /access/requests: ask for a role (rule S2). Quiet: the form shows errors under its fields. */
export function createRequest(body: CreateRequestBody): Promise<CreatedRequest> {
  return apiRequest('/access/requests', { method: 'POST', body, schema: createdRequestSchema, silent: true });
}
