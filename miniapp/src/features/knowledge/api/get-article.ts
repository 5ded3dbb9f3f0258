import { articleSchema, type Article } from '@dingops/shared/knowledge';
import { apiRequest } from '../../../lib/api-client';

/** GET /knowledge/:articleId (counts as a view). */
export function getArticle(articleId: string, signal?: AbortSignal): Promise<Article> {
  return apiRequest(`/knowledge/${encodeURIComponent(articleId)}`, { schema: articleSchema, signal, silent: true });
}
