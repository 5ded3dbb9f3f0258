import type { User } from '@dingops/shared/users';
import { useEffect } from 'react';
import { updateSessionUser } from '../../../lib/api-client';
import { getMe } from '../api/get-me';
import { useSession } from './use-session';

/** The logged-in user; only for pages behind the session guard, which makes it always present. */
export function useCurrentUser(): User {
  const session = useSession();
  if (!session) throw new Error('useCurrentUser needs a session; render it behind the session guard');
  return session.user;
}

/** Re-read /me once per token so role changes made by an admin show without logging out. */
export function useRefreshCurrentUser(token: string | null): void {
  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    getMe({ signal: controller.signal })
      .then(updateSessionUser)
      .catch(() => {
        // keep the stored copy; a 401 is already handled by the API client
      });
    return () => controller.abort();
  }, [token]);
}
