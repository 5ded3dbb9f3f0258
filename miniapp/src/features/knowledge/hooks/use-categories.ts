import { useEffect, useState } from 'react';
import { listTicketCategories, type TicketCategoryNode } from '../../../lib/api/ticket-categories';

// One load per page visit is enough: the tree changes rarely and only by an admin.
let cached: Promise<TicketCategoryNode[]> | null = null;

/** The active category tree (flat); empty until loaded or if loading failed (codes then show as themselves). */
export function useCategories(): TicketCategoryNode[] {
  const [nodes, setNodes] = useState<TicketCategoryNode[]>([]);
  useEffect(() => {
    let alive = true;
    cached ??= listTicketCategories().catch((error: unknown) => {
      cached = null;
      throw error;
    });
    cached.then((loaded) => alive && setNodes(loaded)).catch(() => {});
    return () => {
      alive = false;
    };
  }, []);
  return nodes;
}
