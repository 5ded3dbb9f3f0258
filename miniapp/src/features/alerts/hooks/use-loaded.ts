import { useCallback, useEffect, useState } from 'react';

export type Loaded<T> = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; value: T };

/** Runs `load` when `key` changes or on `reload`; a reload keeps showing the old value until the new one arrives. */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, key: string) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal)
      .then((value) => setState({ status: 'ready', value }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => (previous.status === 'ready' ? previous : { status: 'failed', error }));
      });
    return () => controller.abort();
    // `load` is rebuilt each render; `key` says when what it loads changes.
  }, [key, reloads]);
  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { state, reload };
}
