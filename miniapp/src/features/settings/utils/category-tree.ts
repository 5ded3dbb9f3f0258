import type { TicketCategoryNode } from '@dingops/shared/tickets';
import type { Locale } from '../../../lib/i18n';

/** Matches the server's limit (大类 → 小类 → 具体项). */
export const maxCategoryDepth = 3;

export type CategoryRow = { node: TicketCategoryNode; depth: number; siblings: TicketCategoryNode[] };

export const bySortOrder = (a: TicketCategoryNode, b: TicketCategoryNode) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);

/** The tree depth-first (each parent before its children, siblings in sort order); an orphan counts as a root. */
export function flattenCategoryTree(nodes: readonly TicketCategoryNode[]): CategoryRow[] {
  const codes = new Set(nodes.map((node) => node.code));
  const rows: CategoryRow[] = [];
  const childrenOf = (code: string) => nodes.filter((child) => child.parentCode === code).sort(bySortOrder);
  const visit = (node: TicketCategoryNode, depth: number, siblings: TicketCategoryNode[]) => {
    rows.push({ node, depth, siblings });
    const children = childrenOf(node.code);
    // The server keeps the tree acyclic; the depth guard only protects the page from bad data.
    if (depth < 5) children.forEach((child) => visit(child, depth + 1, children));
  };
  const roots = nodes.filter((node) => node.parentCode === null || !codes.has(node.parentCode)).sort(bySortOrder);
  roots.forEach((root) => visit(root, 0, roots));
  return rows;
}

export function nodeName(node: TicketCategoryNode, locale: Locale): string {
  return locale === 'en' ? node.name.en : node.name.zh;
}

/** A sort order after every sibling's, leaving gaps of 10 so a later insert needs no renumbering. */
export function nextSortOrder(siblings: readonly TicketCategoryNode[]): number {
  return Math.min(10_000, Math.max(0, ...siblings.map((sibling) => sibling.sortOrder)) + 10);
}

/**
 * Moving `code` one place up (-1) or down (+1) among its siblings: the nodes whose sort order must
 * change, renumbered 10, 20, 30… in the new order. Empty when it is already at that end.
 */
export function reorderSiblings(siblings: readonly TicketCategoryNode[], code: string, step: -1 | 1): TicketCategoryNode[] {
  const ordered = [...siblings].sort(bySortOrder);
  const from = ordered.findIndex((node) => node.code === code);
  const to = from + step;
  if (from < 0 || to < 0 || to >= ordered.length) return [];
  const [moved] = ordered.splice(from, 1);
  if (!moved) return [];
  ordered.splice(to, 0, moved);
  return ordered.map((node, index) => ({ ...node, sortOrder: (index + 1) * 10 })).filter((node, index) => node.sortOrder !== ordered[index]?.sortOrder);
}
