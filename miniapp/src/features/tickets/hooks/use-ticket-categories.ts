import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { categoryGroups } from '../utils/category-tree';
import { cachedCategories, loadCategories, subscribeCategories } from '../utils/category-store';

/** The active category tree as groups; loads it once per session and re-renders when it arrives. */
export function useTicketCategories() {
  const nodes = useSyncExternalStore(subscribeCategories, cachedCategories);
  useEffect(loadCategories, []);
  const groups = useMemo(() => categoryGroups(nodes), [nodes]);
  return { nodes, groups, loaded: nodes !== null };
}
