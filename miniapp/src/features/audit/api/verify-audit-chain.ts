import { auditVerificationSchema } from '@dingops/shared/audit';
import { apiRequest } from '../../../lib/api-client';

/** GET /audit/verify (auditor, IT admin): walks the whole hash chain. */
export function verifyAuditChain() {
  return apiRequest('/audit/verify', { schema: auditVerificationSchema, silent: true });
}
