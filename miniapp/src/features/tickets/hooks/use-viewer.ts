import { useSyncExternalStore } from 'react';
import { getSession, subscribeSession } from '../../../lib/api-client';

/** Who is looking at the page (the logged-in user), or null once the session has gone. */
export function useViewer() {
  return useSyncExternalStore(subscribeSession, getSession)?.user ?? null;
}
