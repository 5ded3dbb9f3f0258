import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

/** POST /access/tasks/:id/done: IT did the manual step in the system (it_staff, it_admin). */
export async function completeTask(id: number): Promise<void> {
  await apiRequest(`/access/tasks/${id}/done`, { method: 'POST', body: {}, schema: z.unknown() });
}
