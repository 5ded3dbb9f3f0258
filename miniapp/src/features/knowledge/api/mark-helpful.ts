import { articleSchema, type Article } from '@dingops/shared/knowledge';
import { apiRequest } from '../../../lib/api-client';

/** POST /knowledge/:articleId/helpful: "this helped me", counted once per person; answers the article. */
export function markHelpful(articleId: string): Promise<Article> {
  return apiRequest(`/knowledge/${encodeURIComponent(articleId)}/helpful`, { method: 'POST', schema: articleSchema });
}
