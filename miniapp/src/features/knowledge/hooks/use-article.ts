import type { Article } from '@dingops/shared/knowledge';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { getArticle } from '../../../lib/api/knowledge';

export type ArticleState = { status: 'loading' } | { status: 'failed'; error: ApiError | null } | { status: 'ready'; article: Article };

/** One article, loaded when the id changes; `replace` takes the server's answer after an edit. */
export function useArticle(articleId: string) {
  const [state, setState] = useState<ArticleState>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    getArticle(articleId, { signal: controller.signal })
      .then((article) => setState({ status: 'ready', article }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error: error instanceof ApiError ? error : null });
      });
    return () => controller.abort();
  }, [articleId, reloads]);

  const replace = useCallback((article: Article) => setState({ status: 'ready', article }), []);
  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { state, replace, reload };
}
