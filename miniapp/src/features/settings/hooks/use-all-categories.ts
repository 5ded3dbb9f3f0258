import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { listAllCategories, type TicketCategoryNode } from '../api/categories';

export type CategoriesState = { status: 'loading' } | { status: 'failed'; error: ApiError | null } | { status: 'ready'; nodes: TicketCategoryNode[] };

/** The whole tree, inactive nodes included; `reload` after every change (the server orders and checks it). */
export function useAllCategories() {
  const [state, setState] = useState<CategoriesState>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listAllCategories(controller.signal)
      .then((nodes) => setState({ status: 'ready', nodes }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error: error instanceof ApiError ? error : null });
      });
    return () => controller.abort();
  }, [reloads]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { state, reload };
}
