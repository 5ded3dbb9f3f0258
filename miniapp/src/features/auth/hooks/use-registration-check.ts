import { useCallback, useState } from 'react';
import { useVisibleInterval } from '../../../hooks/use-visible-interval';
import { updateSessionUser } from '../../../lib/api-client';
import { getMe } from '../api/get-me';

/** How often a waiting person's status is re-read while the page is open. */
const checkEveryMs = 15_000;

/**
 * Rule S1: while a person waits for review, re-read /me now and then (and on demand). Once IT activates
 * them the stored user turns active and the session guard shows the app; a rejection ends the session
 * (401), which takes them to login and its explanation.
 */
export function useRegistrationCheck() {
  const [checking, setChecking] = useState(false);
  const check = useCallback(() => {
    setChecking(true);
    getMe()
      .then(updateSessionUser)
      .catch(() => {
        // a 401 is handled by the API client; anything else: try again on the next tick
      })
      .finally(() => setChecking(false));
  }, []);
  useVisibleInterval(check, checkEveryMs);
  return { checking, check };
}
