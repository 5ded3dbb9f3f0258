import type { AuditEntry, AuditFilters } from '@dingops/shared/audit';
import { useCallback, useEffect, useRef, useState } from 'react';
import { listAuditEntries } from '../api/list-audit-entries';

const pageSize = 50;

type ListState = { items: AuditEntry[]; nextCursor: string | null; status: 'loading' | 'ready' | 'failed'; error: unknown };

/** The trail for the filters, newest first, one keyset page more each time the list's end comes into view. */
export function useAuditEntries(filters: AuditFilters) {
  const [state, setState] = useState<ListState>({ items: [], nextCursor: null, status: 'loading', error: null });
  const filterKey = JSON.stringify(filters);
  const generation = useRef(0);

  const load = useCallback(
    async () => {
      const mine = (generation.current += 1);
      setState({ items: [], nextCursor: null, status: 'loading', error: null });
      try {
        const page = await listAuditEntries({ filters, limit: pageSize });
        if (mine === generation.current) setState({ items: page.items, nextCursor: page.nextCursor, status: 'ready', error: null });
      } catch (error) {
        if (mine === generation.current) setState({ items: [], nextCursor: null, status: 'failed', error });
      }
    },
    // filterKey stands for filters
    [filterKey],
  );

  useEffect(() => void load(), [load]);

  const loadMore = useCallback(async () => {
    const mine = generation.current;
    if (!state.nextCursor) return;
    const page = await listAuditEntries({ filters, cursor: state.nextCursor, limit: pageSize });
    if (mine !== generation.current) return;
    setState((previous) => ({ ...previous, items: [...previous.items, ...page.items], nextCursor: page.nextCursor }));
    // filterKey stands for filters
  }, [filterKey, state.nextCursor]);

  return { ...state, loadMore, retry: () => void load() };
}
