import { articleSchema, type Article } from '@dingops/shared/knowledge';
import { apiRequest } from '../api-client';

const articlePath = (articleId: string) => `/knowledge/${encodeURIComponent(articleId)}`;

/** GET /knowledge/:articleId: one article in full (counts as a view). Quiet: the pages show their own error. */
export function getArticle(articleId: string, { signal }: { signal?: AbortSignal } = {}): Promise<Article> {
  return apiRequest(articlePath(articleId), { schema: articleSchema, signal, silent: true });
}

/** POST /knowledge/:articleId/helpful: "this helped me", counted once per person (it ranks the article higher); answers the article. */
export function markArticleHelpful(articleId: string): Promise<Article> {
  return apiRequest(`${articlePath(articleId)}/helpful`, { method: 'POST', schema: articleSchema });
}
