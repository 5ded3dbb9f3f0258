import { createdSchema, type CreateSystemBody } from '@dingops/shared/access';
import { apiRequest } from '../../../lib/api-client';

/** POST /access/systems (it_admin). Quiet: the sheet puts errors under its fields. */
export function createSystem(body: CreateSystemBody): Promise<{ id: number }> {
  return apiRequest('/access/systems', { method: 'POST', body, schema: createdSchema, silent: true });
}
