import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../lib/api-client';

export type Loaded<T> = { status: 'loading' } | { status: 'failed'; error: ApiError | null } | { status: 'ready'; value: T; version: number };

/** Runs `load` when `key` changes or on `reload`; aborts a load that is no longer wanted. */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, key: string) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal)
      .then((value) => setState({ status: 'ready', value, version: reloads }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error: error instanceof ApiError ? error : null });
      });
    return () => controller.abort();
    // `load` is rebuilt each render; `key` says when what it loads changes.
  }, [key, reloads]);
  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { state, reload };
}
