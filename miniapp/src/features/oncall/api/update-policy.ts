import { storedPolicySchema, type PolicyBody } from '@dingops/shared/oncall';
import { apiRequest } from '../../../lib/api-client';

/** PUT /oncall/policies/:id (it_admin): the whole list of steps at once. */
export function updatePolicy(policyId: string, body: PolicyBody) {
  return apiRequest(`/oncall/policies/${encodeURIComponent(policyId)}`, { method: 'PUT', body, schema: storedPolicySchema, silent: true });
}
