import type { AlertGroup } from '@dingops/shared/alerts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { listAlertGroups, type GroupFilters } from '../api/alert-groups';
import { useVisibleInterval } from '../../../hooks/use-visible-interval';

const pageSize = 30;
const pollMs = 10_000;

type ListState = { items: AlertGroup[]; nextCursor: string | null; status: 'loading' | 'ready' | 'failed'; error: unknown };

/**
 * Alert groups for the filters, level 1 first and newest first within a level, more pages by cursor.
 * While visible it refreshes every 10 s: the rows already shown are fetched again in one call (up to
 * 100), so new groups appear in their place.
 */
export function useAlertGroups(filters: GroupFilters) {
  const [state, setState] = useState<ListState>({ items: [], nextCursor: null, status: 'loading', error: null });
  const filterKey = JSON.stringify(filters);
  const generation = useRef(0);
  const shown = useRef(0);
  shown.current = state.items.length;

  const refresh = useCallback(
    async (limit: number) => {
      const mine = generation.current;
      try {
        const page = await listAlertGroups({ filters, limit });
        if (mine === generation.current) setState({ items: page.items, nextCursor: page.nextCursor, status: 'ready', error: null });
      } catch (error) {
        if (mine === generation.current) setState((previous) => (previous.status === 'ready' ? previous : { ...previous, status: 'failed', error }));
      }
    },
    // filterKey stands for filters
    [filterKey],
  );

  useEffect(() => {
    generation.current += 1;
    setState({ items: [], nextCursor: null, status: 'loading', error: null });
    void refresh(pageSize);
  }, [refresh]);

  useVisibleInterval(() => void refresh(Math.min(100, Math.max(pageSize, shown.current))), pollMs);

  const loadMore = useCallback(async () => {
    const mine = generation.current;
    const cursor = state.nextCursor;
    if (!cursor) return;
    const page = await listAlertGroups({ filters, cursor, limit: pageSize });
    if (mine !== generation.current) return;
    setState((previous) => {
      const seen = new Set(previous.items.map((item) => item.id));
      return { ...previous, items: [...previous.items, ...page.items.filter((item) => !seen.has(item.id))], nextCursor: page.nextCursor };
    });
    // filterKey stands for filters
  }, [filterKey, state.nextCursor]);

  return { ...state, loadMore, retry: () => void refresh(pageSize) };
}
