import { suggestionsSchema, type ArticleSummary } from '@dingops/shared/knowledge';
import { apiRequest } from '../../../lib/api-client';

type SuggestionsInput = { q: string; category?: string | null; signal?: AbortSignal };

/** GET /knowledge/suggestions: articles that match a report being typed. Quiet: no suggestions is fine. */
export async function getSuggestions({ q, category, signal }: SuggestionsInput): Promise<ArticleSummary[]> {
  const { items } = await apiRequest('/knowledge/suggestions', { query: { q, category, limit: 3 }, schema: suggestionsSchema, silent: true, signal });
  return items;
}
