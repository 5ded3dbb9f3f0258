import { auditPeopleSchema } from '@dingops/shared/audit';
import { apiRequest } from '../../../lib/api-client';

/** GET /audit/people?q= (auditor, IT admin): people to filter by, by name or DingTalk id. */
export function listAuditPeople(q: string, signal?: AbortSignal) {
  return apiRequest('/audit/people', { query: { q }, schema: auditPeopleSchema, signal, silent: true });
}
