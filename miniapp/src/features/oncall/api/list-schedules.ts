import { scheduleListSchema, type Schedule } from '@dingops/shared/oncall';
import { apiRequest } from '../../../lib/api-client';

/** GET /oncall/schedules (IT): every schedule, the default first. */
export async function listSchedules(signal?: AbortSignal): Promise<Schedule[]> {
  return (await apiRequest('/oncall/schedules', { schema: scheduleListSchema, signal, silent: true })).items;
}
