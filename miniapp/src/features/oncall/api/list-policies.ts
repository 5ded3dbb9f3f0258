import { policyListSchema, type StoredPolicy } from '@dingops/shared/oncall';
import { apiRequest } from '../../../lib/api-client';

/** GET /oncall/policies (IT): escalation policies, the default first. */
export async function listPolicies(signal?: AbortSignal): Promise<StoredPolicy[]> {
  return (await apiRequest('/oncall/policies', { schema: policyListSchema, signal, silent: true })).items;
}
