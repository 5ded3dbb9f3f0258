import { userSchema, type User } from '@dingops/shared/users';
import { apiRequest } from '../../../lib/api-client';

/** POST /users/:userId/activate (it_admin): the pending person becomes active and is told in DingTalk. */
export function activateUser({ userId }: { userId: string }): Promise<User> {
  return apiRequest(`/users/${encodeURIComponent(userId)}/activate`, { method: 'POST', schema: userSchema });
}

/** POST /users/:userId/reject (it_admin): refuses the registration; the reason is shown to the person. */
export function rejectUser({ userId, reason }: { userId: string; reason: string }): Promise<User> {
  return apiRequest(`/users/${encodeURIComponent(userId)}/reject`, { method: 'POST', body: { reason }, schema: userSchema });
}
