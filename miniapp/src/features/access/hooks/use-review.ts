import { useLoaded } from '../../../hooks/use-loaded';
import { getReview, type ReviewDetail } from '../api/get-review';

/** A campaign with every item the caller may see, following the pages (a manager has dozens, IT hundreds). */
async function loadAll(id: number, signal: AbortSignal): Promise<ReviewDetail> {
  const first = await getReview({ id, signal });
  const items = [...first.items];
  let cursor = first.nextCursor;
  for (let page = 0; cursor && page < 50; page += 1) {
    const next = await getReview({ id, cursor, signal });
    items.push(...next.items);
    cursor = next.nextCursor;
  }
  return { ...first, items, nextCursor: null };
}

export function useReview(id: number) {
  return useLoaded((signal) => loadAll(id, signal), String(id));
}
