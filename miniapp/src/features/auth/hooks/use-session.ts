import { useSyncExternalStore } from 'react';
import { getSession, subscribeSession } from '../../../lib/api-client';

/** The current session (token, expiry, user), or null; re-renders on login, logout and 401. */
export function useSession() {
  return useSyncExternalStore(subscribeSession, getSession);
}
