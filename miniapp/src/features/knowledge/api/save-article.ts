import { articleSchema, type Article, type CreateArticleBody, type UpdateArticleBody } from '@dingops/shared/knowledge';
import { apiRequest } from '../../../lib/api-client';

/** POST /knowledge (IT). Field errors come back as a 400 the form shows itself. */
export function createArticle(body: CreateArticleBody): Promise<Article> {
  return apiRequest('/knowledge', { method: 'POST', body, schema: articleSchema, silent: true });
}

/** PATCH /knowledge/:articleId (IT): an edit, or `status` to archive and restore. */
export function updateArticle(articleId: string, body: UpdateArticleBody, { silent = true } = {}): Promise<Article> {
  return apiRequest(`/knowledge/${encodeURIComponent(articleId)}`, { method: 'PATCH', body, schema: articleSchema, silent });
}
