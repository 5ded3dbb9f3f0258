import { userPageSchema, type User } from '@dingops/shared/users';
import { apiRequest } from '../../../lib/api-client';

/** GET /users?role=… for both IT roles: the people who may be put on call, by name. */
export async function listItPeople(signal?: AbortSignal): Promise<User[]> {
  const pages = await Promise.all((['it_staff', 'it_admin'] as const).map((role) => apiRequest('/users', { query: { role, limit: 100 }, schema: userPageSchema, signal, silent: true })));
  const byId = new Map<string, User>();
  for (const user of pages.flatMap((page) => page.items)) if (user.status === 'active') byId.set(user.id, user);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
