import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

/** DELETE /oncall/schedules/:id/overrides/:overrideId (it_admin); answers 204. */
export async function deleteOverride(scheduleId: string, overrideId: string): Promise<void> {
  await apiRequest(`/oncall/schedules/${encodeURIComponent(scheduleId)}/overrides/${encodeURIComponent(overrideId)}`, { method: 'DELETE', schema: z.unknown() });
}
