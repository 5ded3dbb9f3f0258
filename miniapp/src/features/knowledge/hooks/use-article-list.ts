import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { listArticles, type ArticleStatusFilter, type ArticleSummary } from '../api/list-articles';

type ListState = { status: 'loading' } | { status: 'failed'; error: ApiError | null } | { status: 'ready'; items: ArticleSummary[]; nextCursor: string | null };
type Filters = { q: string; category: string | undefined; status: ArticleStatusFilter };

/** Articles for a search: the first page on every filter change, further pages as the list scrolls. */
export function useArticleList({ q, category, status }: Filters) {
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  // Bumped on every filter change so a late page from an older search is dropped.
  const generation = useRef(0);

  useEffect(() => {
    const current = ++generation.current;
    const controller = new AbortController();
    setState({ status: 'loading' });
    listArticles({ q, category, status, signal: controller.signal })
      .then((page) => {
        if (current === generation.current) setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor });
      })
      .catch((error: unknown) => {
        if (current === generation.current && !controller.signal.aborted) setState({ status: 'failed', error: error instanceof ApiError ? error : null });
      });
    return () => controller.abort();
  }, [q, category, status, reloads]);

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || !state.nextCursor) return;
    const current = generation.current;
    const page = await listArticles({ q, category, status, cursor: state.nextCursor });
    if (current !== generation.current) return;
    setState({ status: 'ready', items: [...state.items, ...page.items], nextCursor: page.nextCursor });
  }, [state, q, category, status]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { state, loadMore, reload };
}
