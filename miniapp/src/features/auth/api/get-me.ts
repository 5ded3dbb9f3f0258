import type { User } from '@dingops/shared/users';
import { apiRequest } from '../../../lib/api-client';
import { loginUserSchema } from '../../../lib/login-schemas';

/** GET /me: the logged-in user with current roles. Quiet, because the stored copy still works. */
export function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<User> {
  return apiRequest('/me', { schema: loginUserSchema, silent: true, signal });
}
