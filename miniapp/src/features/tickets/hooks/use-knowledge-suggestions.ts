import type { ArticleSummary } from '@dingops/shared/knowledge';
import { useEffect, useState } from 'react';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { getSuggestions } from '../api/get-suggestions';

const minChars = 2;
const maxQueryChars = 500;

/** What the person has written so far, as one search text (title first: it says the most). */
export function suggestionQuery(title: string, description: string): string {
  return [title.trim(), description.trim()].filter(Boolean).join(' ').slice(0, maxQueryChars);
}

/**
 * Up to three knowledge articles matching a report being typed, asked ~400 ms after the typing
 * pauses. Any failure means no suggestions: they are a help, never in the way of reporting.
 */
export function useKnowledgeSuggestions({ title, description, category }: { title: string; description: string; category: string | null }) {
  const query = useDebouncedValue(suggestionQuery(title, description), 400);
  const [items, setItems] = useState<ArticleSummary[]>([]);
  useEffect(() => {
    if (query.length < minChars) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    // The category narrows the search; a person may have picked a neighbouring one, so with nothing
    // found there, the words alone decide.
    const search = async () => {
      const inCategory = category ? await getSuggestions({ q: query, category, signal: controller.signal }) : [];
      return inCategory.length > 0 ? inCategory : getSuggestions({ q: query, signal: controller.signal });
    };
    search()
      .then((found) => setItems(found.slice(0, 3)))
      .catch(() => {
        if (!controller.signal.aborted) setItems([]);
      });
    return () => controller.abort();
  }, [query, category]);
  return items;
}
