import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../lib/api-client';

export type Loaded<T> = { status: 'loading' } | { status: 'failed'; error: ApiError | null } | { status: 'ready'; value: T; version: number };

/**
 * Runs `load` when `key` changes or on `reload`; aborts a load that is no longer wanted.
 * `keepOnFailure`: a failed reload of the same thing keeps what is shown (for pages that poll)
 * instead of the failure; a failed load of something else (a new `key`) always shows the failure.
 */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, key: string, { keepOnFailure = false } = {}) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  const loadedKey = useRef<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal)
      .then((value) => {
        loadedKey.current = key;
        setState({ status: 'ready', value, version: reloads });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const failed: Loaded<T> = { status: 'failed', error: error instanceof ApiError ? error : null };
        const sameThing = loadedKey.current === key;
        setState((previous) => (keepOnFailure && sameThing && previous.status === 'ready' ? previous : failed));
      });
    return () => controller.abort();
    // `load` is rebuilt each render; `key` says when what it loads changes.
  }, [key, reloads]);
  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { state, reload };
}
