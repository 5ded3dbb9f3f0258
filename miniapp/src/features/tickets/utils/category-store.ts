import type { TicketCategoryNode } from '@dingops/shared/tickets';
import { listTicketCategories } from '../../../lib/api/ticket-categories';

// Kept for the whole session: IT changes the tree rarely, and a stale name is harmless.
let cached: TicketCategoryNode[] | null = null;
let pending: Promise<void> | null = null;
const listeners = new Set<() => void>();

/** The tree once loaded (null before, or after a failure: the built-in labels stand in). */
export function cachedCategories(): TicketCategoryNode[] | null {
  return cached;
}

/** Fetch the tree unless it is here or on its way; a failure leaves the next caller to try again. */
export function loadCategories(): void {
  if (cached || pending) return;
  pending = listTicketCategories({ silent: true })
    .then((nodes) => {
      cached = nodes;
      listeners.forEach((listener) => listener());
    })
    .catch(() => undefined)
    .finally(() => {
      pending = null;
    });
}

export function subscribeCategories(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
