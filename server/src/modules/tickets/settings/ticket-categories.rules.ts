/** The category tree is at most three levels deep: 大类 → 小类 → 具体项. */
export const maxCategoryDepth = 3;

interface TreeNode {
  code: string;
  parentCode: string | null;
}

export type TreeProblem = { kind: 'missing_parent' } | { kind: 'cycle' } | { kind: 'too_deep'; code: string };

/**
 * Checks the tree as it would be with `change` applied: the parent exists, no node is its own
 * ancestor, and no node (the changed one or anything under it) sits deeper than three levels.
 */
export function checkCategoryTree(nodes: readonly TreeNode[], change: TreeNode): TreeProblem | null {
  const parentOf = new Map(nodes.map((node) => [node.code, node.parentCode]));
  parentOf.set(change.code, change.parentCode);
  if (change.parentCode !== null && !parentOf.has(change.parentCode)) return { kind: 'missing_parent' };
  for (const code of parentOf.keys()) {
    let depth = 1;
    for (let parent = parentOf.get(code) ?? null; parent !== null; parent = parentOf.get(parent) ?? null) {
      if (parent === code || depth > parentOf.size) return { kind: 'cycle' };
      depth += 1;
    }
    if (depth > maxCategoryDepth) return { kind: 'too_deep', code };
  }
  return null;
}
