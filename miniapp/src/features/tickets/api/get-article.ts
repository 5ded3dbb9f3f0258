import { articleSchema, type Article } from '@dingops/shared/knowledge';
import { apiRequest } from '../../../lib/api-client';

/** GET /knowledge/:articleId: one article in full. Quiet: the sheet shows its own error. */
export function getArticle({ articleId, signal }: { articleId: string; signal?: AbortSignal }): Promise<Article> {
  return apiRequest(`/knowledge/${encodeURIComponent(articleId)}`, { schema: articleSchema, silent: true, signal });
}
