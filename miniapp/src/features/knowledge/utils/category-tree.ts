import type { TicketCategoryNode } from '@dingops/shared/tickets';
import type { Locale } from '../../../lib/i18n';

export type CategoryRow = { node: TicketCategoryNode; depth: number };

const bySortOrder = (a: TicketCategoryNode, b: TicketCategoryNode) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);

/** The tree depth-first (each parent before its children, siblings in sort order); an orphan counts as a root. */
export function flattenCategoryTree(nodes: readonly TicketCategoryNode[]): CategoryRow[] {
  const codes = new Set(nodes.map((node) => node.code));
  const rows: CategoryRow[] = [];
  const visit = (node: TicketCategoryNode, depth: number) => {
    rows.push({ node, depth });
    // The server keeps the tree acyclic and three deep; the depth guard only protects the page from bad data.
    if (depth < 5) nodes.filter((child) => child.parentCode === node.code).sort(bySortOrder).forEach((child) => visit(child, depth + 1));
  };
  nodes.filter((node) => node.parentCode === null || !codes.has(node.parentCode)).sort(bySortOrder).forEach((root) => visit(root, 0));
  return rows;
}

export function nodeName(node: TicketCategoryNode, locale: Locale): string {
  return locale === 'en' ? node.name.en : node.name.zh;
}

/** "打印机 / 卡纸" for a child, the plain name for a root, the code itself while the tree is unknown. */
export function categoryLabel(nodes: readonly TicketCategoryNode[], code: string, locale: Locale): string {
  const node = nodes.find((candidate) => candidate.code === code);
  if (!node) return code;
  const parent = node.parentCode ? nodes.find((candidate) => candidate.code === node.parentCode) : undefined;
  return parent ? `${nodeName(parent, locale)} / ${nodeName(node, locale)}` : nodeName(node, locale);
}
