import { createdSchema, type CreateRoleBody } from '@dingops/shared/access';
import { apiRequest } from '../../../lib/api-client';

/** POST /access/systems/:id/roles (it_admin). Quiet: the sheet puts errors under its fields. */
export function createRole(systemId: number, body: CreateRoleBody): Promise<{ id: number }> {
  return apiRequest(`/access/systems/${systemId}/roles`, { method: 'POST', body, schema: createdSchema, silent: true });
}
