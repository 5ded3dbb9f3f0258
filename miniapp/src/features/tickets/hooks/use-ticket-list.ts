import type { Ticket } from '@dingops/shared/tickets';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { listTickets, type TicketFilters, type TicketView } from '../api/list-tickets';

type ListState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiError | null }
  | { status: 'ready'; items: Ticket[]; nextCursor: string | null };

/** A view's tickets: first page on every view or filter change, more pages on demand, pull to refresh. */
export function useTicketList({ view, filters }: { view: TicketView; filters: TicketFilters }) {
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  // Bumped on every change so a late page from an older query is dropped.
  const generation = useRef(0);
  const { status, level, category, overdue, assigneeId } = filters;

  useEffect(() => {
    const current = ++generation.current;
    const controller = new AbortController();
    setState({ status: 'loading' });
    listTickets({ view, filters: { status, level, category, overdue, assigneeId }, signal: controller.signal })
      .then((page) => {
        if (current === generation.current) setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor });
      })
      .catch((error: unknown) => {
        if (current === generation.current && !controller.signal.aborted) setState({ status: 'failed', error: error instanceof ApiError ? error : null });
      });
    return () => controller.abort();
  }, [view, status, level, category, overdue, assigneeId, reloads]);

  /** For PullToRefresh: keeps the rows on screen until the fresh first page arrives. */
  const refresh = useCallback(async () => {
    const current = ++generation.current;
    const page = await listTickets({ view, filters: { status, level, category, overdue, assigneeId } });
    if (current === generation.current) setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor });
  }, [view, status, level, category, overdue, assigneeId]);

  /** For InfiniteScroll, which shows its own retry when this rejects. */
  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || !state.nextCursor) return;
    const current = generation.current;
    const page = await listTickets({ view, filters: { status, level, category, overdue, assigneeId }, cursor: state.nextCursor });
    if (current !== generation.current) return;
    setState({ status: 'ready', items: [...state.items, ...page.items], nextCursor: page.nextCursor });
  }, [state, view, status, level, category, overdue, assigneeId]);

  /** After an action in the detail pane, show the row's new status without refetching the page. */
  const replaceTicket = useCallback((ticket: Ticket) => {
    setState((previous) =>
      previous.status === 'ready' ? { ...previous, items: previous.items.map((item) => (item.id === ticket.id ? ticket : item)) } : previous,
    );
  }, []);

  const reload = useCallback(() => setReloads((count) => count + 1), []);

  return { state, refresh, loadMore, replaceTicket, reload };
}
