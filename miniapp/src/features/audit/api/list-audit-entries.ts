import { auditPageSchema, type AuditFilters } from '@dingops/shared/audit';
import { apiRequest } from '../../../lib/api-client';

/** GET /audit (auditor, IT admin): newest first, one page per cursor. */
export function listAuditEntries({ filters, cursor, limit, signal }: { filters: AuditFilters; cursor?: string | null; limit?: number; signal?: AbortSignal }) {
  return apiRequest('/audit', { query: { ...filters, cursor, limit }, schema: auditPageSchema, signal, silent: true });
}
