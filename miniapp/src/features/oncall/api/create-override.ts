import { scheduleSchema, type CreateOverrideBody } from '@dingops/shared/oncall';
import { apiRequest } from '../../../lib/api-client';

/** POST /oncall/schedules/:id/overrides (it_admin): someone else is primary for a span. */
export function createOverride(scheduleId: string, body: CreateOverrideBody) {
  return apiRequest(`/oncall/schedules/${encodeURIComponent(scheduleId)}/overrides`, { method: 'POST', body, schema: scheduleSchema, silent: true });
}
