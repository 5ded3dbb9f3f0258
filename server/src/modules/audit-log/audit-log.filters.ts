import { actionFamilyOf, type AuditFilters } from '@dingops/shared/audit';

/** What the repository filters on: the query's strings as typed values, a family apart from an exact action. */
export interface AuditLogFilter {
  actorId?: string;
  actorDingtalkId?: string;
  action?: string;
  actionFamily?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

export function toAuditLogFilter(query: AuditFilters): AuditLogFilter {
  const family = query.action ? actionFamilyOf(query.action) : null;
  return {
    ...(query.actorId ? { actorId: query.actorId } : {}),
    ...(query.actorDingtalkId ? { actorDingtalkId: query.actorDingtalkId } : {}),
    ...(query.action && family === null ? { action: query.action } : {}),
    ...(family !== null ? { actionFamily: family } : {}),
    ...(query.targetType ? { targetType: query.targetType } : {}),
    ...(query.targetId ? { targetId: query.targetId } : {}),
    ...(query.from ? { from: new Date(query.from) } : {}),
    ...(query.to ? { to: new Date(query.to) } : {}),
  };
}

/** The filters as given, for the audit row that records a look at the trail (no paging fields). */
export function filtersForRecord(query: AuditFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}
