import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../lib/api-client';

type Page<T> = { items: T[]; nextCursor: string | null };
type FetchPage<T> = (options: { cursor?: string; signal?: AbortSignal }) => Promise<Page<T>>;

export type CursorListState<T> = { status: 'loading' } | { status: 'failed'; error: ApiError | null } | ({ status: 'ready' } & Page<T>);

/**
 * A keyset-paged list: the first page whenever `key` changes or on `reload`, further pages on demand.
 * `fetchPage` is rebuilt each render; `key` says when what it lists changes (the filters, serialised).
 */
export function useCursorList<T extends { id: string }>(fetchPage: FetchPage<T>, key: string) {
  const [state, setState] = useState<CursorListState<T>>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  // Bumped on every change so a late page from an older query is dropped.
  const generation = useRef(0);

  useEffect(() => {
    const current = ++generation.current;
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchPage({ signal: controller.signal })
      .then((page) => {
        if (current === generation.current) setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor });
      })
      .catch((error: unknown) => {
        if (current === generation.current && !controller.signal.aborted) setState({ status: 'failed', error: error instanceof ApiError ? error : null });
      });
    return () => controller.abort();
  }, [key, reloads]);

  /** For PullToRefresh: keeps the rows on screen until the fresh first page arrives. */
  const refresh = useCallback(async () => {
    const current = ++generation.current;
    const page = await fetchPage({});
    if (current === generation.current) setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor });
  }, [key]);

  /** For InfiniteScroll, which shows its own retry when this rejects. */
  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || !state.nextCursor) return;
    const current = generation.current;
    const page = await fetchPage({ cursor: state.nextCursor });
    if (current !== generation.current) return;
    setState({ status: 'ready', items: [...state.items, ...page.items], nextCursor: page.nextCursor });
  }, [state, key]);

  /** After an edit elsewhere, show the row's new state without refetching the page. */
  const replaceItem = useCallback((item: T) => {
    setState((previous) => (previous.status === 'ready' ? { ...previous, items: previous.items.map((each) => (each.id === item.id ? item : each)) } : previous));
  }, []);

  const reload = useCallback(() => setReloads((count) => count + 1), []);

  return { state, refresh, loadMore, replaceItem, reload };
}
