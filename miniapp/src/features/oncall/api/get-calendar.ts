import { calendarSchema, type Shift } from '@dingops/shared/oncall';
import { apiRequest } from '../../../lib/api-client';

/** GET /oncall/schedules/:id/calendar (IT): who is primary and secondary in each span of [from, to). */
export async function getCalendar({ scheduleId, from, to, signal }: { scheduleId: string; from: Date; to: Date; signal?: AbortSignal }): Promise<Shift[]> {
  const query = { from: from.toISOString(), to: to.toISOString() };
  return (await apiRequest(`/oncall/schedules/${encodeURIComponent(scheduleId)}/calendar`, { query, schema: calendarSchema, signal, silent: true })).shifts;
}
