import { taskListSchema, type AccessTask } from '@dingops/shared/access';
import { apiRequest } from '../../../lib/api-client';

/** GET /access/tasks: IT's manual provisioning and de-provisioning steps. */
export async function listTasks({ status, signal }: { status: 'open' | 'done'; signal?: AbortSignal }): Promise<AccessTask[]> {
  return (await apiRequest('/access/tasks', { query: { status }, schema: taskListSchema, signal })).items;
}
