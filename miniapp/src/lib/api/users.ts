import type { Role } from '@dingops/shared/roles';
import { userPageSchema, type User } from '@dingops/shared/users';
import type { z } from 'zod';
import { apiRequest } from '../api-client';

export type UserPage = z.infer<typeof userPageSchema>;
export type ListUsersInput = { q?: string; role?: Role; cursor?: string | null; limit?: number; signal?: AbortSignal; silent?: boolean };

/** GET /users (it_admin, it_staff): one keyset page, filtered by name and role. */
export function listUsers({ q, role, cursor, limit = 30, signal, silent }: ListUsersInput): Promise<UserPage> {
  return apiRequest('/users', {
    query: { q: q?.trim() || undefined, role, cursor, limit },
    schema: userPageSchema,
    signal,
    silent,
  });
}

/** Both IT roles' active people (first 100 of each), by name: who may be assigned a ticket or put on call. */
export async function listItPeople({ q, signal, silent }: Pick<ListUsersInput, 'q' | 'signal' | 'silent'> = {}): Promise<User[]> {
  const pages = await Promise.all((['it_staff', 'it_admin'] as const).map((role) => listUsers({ q, role, limit: 100, signal, silent })));
  const byId = new Map<string, User>();
  for (const user of pages.flatMap((page) => page.items)) if (user.status === 'active') byId.set(user.id, user);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
