import { articlePageSchema, type ArticleSummary } from '@dingops/shared/knowledge';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type ArticlePage = z.infer<typeof articlePageSchema>;
export type { ArticleSummary };
export type ArticleStatusFilter = 'published' | 'archived';
export type ListArticlesInput = { q?: string; category?: string; status?: ArticleStatusFilter; cursor?: string | null; signal?: AbortSignal };

/** GET /knowledge: a search (q) or the newest first, one keyset page at a time. */
export function listArticles({ q, category, status, cursor, signal }: ListArticlesInput): Promise<ArticlePage> {
  return apiRequest('/knowledge', {
    query: { q: q?.trim() || undefined, category, status: status === 'archived' ? status : undefined, cursor, limit: 20 },
    schema: articlePageSchema,
    signal,
  });
}
