import { defaultTicketCategoryCodes, type TicketCategoryNode } from '@dingops/shared/tickets';

/** A root of the tree with the active categories under it that can be picked, both in IT's order. */
export type CategoryGroup = { code: string; children: string[] };

const bySortOrder = (a: TicketCategoryNode, b: TicketCategoryNode) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);

/** The leaves under a node, depth first: a node with active children is a heading, not a pick (the tree has up to three levels). */
function leavesUnder(code: string, active: readonly TicketCategoryNode[]): string[] {
  return active
    .filter((node) => node.parentCode === code)
    .flatMap((node) => {
      const below = leavesUnder(node.code, active);
      return below.length > 0 ? below : [node.code];
    });
}

/**
 * The active tree as the sheet shows it: roots in order, each with the leaves under it. Anything
 * under a retired node is not offered. Without a tree, the built-in codes stand alone.
 */
export function categoryGroups(nodes: readonly TicketCategoryNode[] | null): CategoryGroup[] {
  if (!nodes) return defaultTicketCategoryCodes.map((code) => ({ code, children: [] }));
  const active = nodes.filter((node) => node.active).sort(bySortOrder);
  return active.filter((node) => node.parentCode === null).map((root) => ({ code: root.code, children: leavesUnder(root.code, active) }));
}

/** Every code the queue can filter by, in tree order: each root, then what can be picked under it. */
export function allCategoryCodes(groups: readonly CategoryGroup[]): string[] {
  return groups.flatMap((group) => [group.code, ...group.children]);
}

/** A category's label in a flat list: a pick under a root says which root, as 「VPN / VPN 客户端」. */
export function qualifiedCategoryName(code: string, groups: readonly CategoryGroup[], nameOf: (code: string) => string): string {
  const root = groups.find((group) => group.children.includes(code));
  return root ? `${nameOf(root.code)} / ${nameOf(code)}` : nameOf(code);
}
