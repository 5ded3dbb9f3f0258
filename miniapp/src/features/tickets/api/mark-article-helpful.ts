import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

/** POST /knowledge/:articleId/helpful: "this helped", which ranks the article higher next time. */
export async function markArticleHelpful(articleId: string): Promise<void> {
  await apiRequest(`/knowledge/${encodeURIComponent(articleId)}/helpful`, { method: 'POST', schema: z.unknown() });
}
