import type { AuditFilters } from '@dingops/shared/audit';
import { beijingDayBounds } from '@dingops/shared/rules/beijing-time';
import type { AuditFilterState } from '../components/audit-filter-bar';

/** The filters as the API takes them: a person by id, a family as `tickets.*`, Beijing days as instants. */
export function filtersQuery(state: AuditFilterState): AuditFilters {
  const from = beijingDayBounds(state.fromDay)?.from;
  const to = beijingDayBounds(state.toDay)?.to;
  return {
    ...(state.person ? { actorId: state.person.id } : {}),
    ...(state.family ? { action: `${state.family}.*` } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}
