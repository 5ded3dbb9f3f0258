import type { Role } from '@dingops/shared/roles';
import { userPageSchema } from '@dingops/shared/users';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type UserPage = z.infer<typeof userPageSchema>;
export type ListUsersInput = { q?: string; role?: Role; cursor?: string | null; limit?: number; signal?: AbortSignal };

/** GET /users (it_admin, it_staff): one keyset page, filtered by name and role. */
export function listUsers({ q, role, cursor, limit = 30, signal }: ListUsersInput): Promise<UserPage> {
  return apiRequest('/users', {
    query: { q: q?.trim() || undefined, role, cursor, limit },
    schema: userPageSchema,
    signal,
  });
}
