import { pendingUsersSchema, type PendingUser } from '@dingops/shared/users';
import { apiRequest } from '../../../lib/api-client';

/** GET /users/pending (it_staff, it_admin): people waiting for registration review, oldest first. */
export async function listPendingUsers({ signal }: { signal?: AbortSignal } = {}): Promise<PendingUser[]> {
  return (await apiRequest('/users/pending', { schema: pendingUsersSchema, signal })).items;
}
