import type { AssignableRole } from '@dingops/shared/roles';
import { userSchema, type User } from '@dingops/shared/users';
import { apiRequest } from '../../../lib/api-client';

/** PUT /users/:userId/roles (it_admin): replace the roles an admin grants by hand. */
export function setUserRoles({ userId, roles }: { userId: string; roles: AssignableRole[] }): Promise<User> {
  return apiRequest(`/users/${encodeURIComponent(userId)}/roles`, {
    method: 'PUT',
    body: { roles },
    schema: userSchema,
  });
}
