import { userPageSchema, type User } from '@dingops/shared/users';
import { apiRequest } from '../../../lib/api-client';

/** GET /users?role=… for both IT roles: the people a ticket can be assigned to, by name. */
export async function listItPeople({ q, signal }: { q?: string; signal?: AbortSignal }): Promise<User[]> {
  const query = { q: q?.trim() || undefined, limit: 100 };
  const pages = await Promise.all(
    (['it_staff', 'it_admin'] as const).map((role) => apiRequest('/users', { query: { ...query, role }, schema: userPageSchema, signal })),
  );
  const byId = new Map<string, User>();
  for (const user of pages.flatMap((page) => page.items)) if (user.status === 'active') byId.set(user.id, user);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
