import path from 'node:path';

const modulesRoot = path.resolve('server/src/modules');

/** The module a path lies in (the first folder under server/src/modules), or null outside modules. */
function moduleOf(file) {
  const relative = path.relative(modulesRoot, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? null : relative.split(path.sep)[0];
}

/**
 * A module may know another module only by the contract type its index.ts exports: `import type`, which
 * leaves no runtime edge, so app.ts stays the one place that wires modules together. Which file may be
 * imported (index.ts only) is checked by import-x/no-restricted-paths; this rule checks the kind.
 */
const typeOnlyContracts = {
  meta: { type: 'problem', schema: [], messages: { valueImport: 'Another module is reached through app.ts: import only its contract, with `import type` from its index.ts.' } },
  create(context) {
    const own = moduleOf(context.filename);
    if (!own) return {};
    const check = (node, isTypeOnly) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const other = moduleOf(path.resolve(path.dirname(context.filename), source));
      if (other && other !== own && !isTypeOnly) context.report({ node, messageId: 'valueImport' });
    };
    return {
      ImportDeclaration: (node) => check(node, node.importKind === 'type'),
      ExportNamedDeclaration: (node) => check(node, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, false),
    };
  },
};

export const moduleContracts = { rules: { 'type-only-contracts': typeOnlyContracts } };
