import { useCursorList } from '../../../hooks/use-cursor-list';
import { listArticles, type ArticleStatusFilter } from '../api/list-articles';

type Filters = { q: string; category: string | undefined; status: ArticleStatusFilter };

/** Articles for a search: the first page on every filter change, further pages as the list scrolls. */
export function useArticleList({ q, category, status }: Filters) {
  return useCursorList((page) => listArticles({ q, category, status, ...page }), JSON.stringify([q, category, status]));
}
