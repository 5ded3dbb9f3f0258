/**
 * Text Postgres cannot take. `text` and `jsonb` refuse U+0000 outright (a 500 if it reaches a
 * query); a lone UTF-16 surrogate is not Unicode at all: `jsonb` refuses its `\udXXX` escape and
 * `text` silently turns it into U+FFFD. Both are found here, once, for every route's input.
 */

export interface TextIssue {
  path: string;
  message: string;
  /** `text`: a string or key cannot be stored; `depth`: nested deeper than `maxInputDepth`. */
  reason: 'text' | 'depth';
}

/** Deeper than any DingOps schema; stops a 1 MB `[[[[…` from costing a recursion per byte downstream. */
export const maxInputDepth = 32;
/** Enough to say what is wrong without echoing a huge payload back. */
const maxIssues = 20;

// U+0000 is exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorableAll = new RegExp(unstorable.source, 'g');

const hex = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why this text cannot be stored, or null when it can. */
export function describeUnstorable(text: string): string | null {
  const found = unstorable.exec(text)?.[0];
  if (found === undefined) return null;
  if (found === '\u0000') return 'contains the character U+0000 (NUL), which cannot be stored';
  return `contains an unpaired UTF-16 surrogate (${hex(found)}), which is not valid Unicode`;
}

/** The text with every U+0000 and lone surrogate replaced by U+FFFD (the replacement character). */
export function repairText(text: string): string {
  return unstorable.test(text) ? text.replace(unstorableAll, '\uFFFD') : text;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);

/**
 * Every string (and object key) in a parsed input that cannot be stored, by path in the format the
 * validation errors use (`body.alerts.0.labels.service`), plus anything nested deeper than
 * `maxInputDepth`. A key is named with its bad characters shown as U+FFFD.
 */
export function findTextIssues(value: unknown, root: string): TextIssue[] {
  const issues: TextIssue[] = [];
  const visit = (node: unknown, path: string, depth: number) => {
    if (issues.length >= maxIssues) return;
    if (typeof node === 'string') {
      const problem = describeUnstorable(node);
      if (problem) issues.push({ path, message: problem, reason: 'text' });
      return;
    }
    if (typeof node !== 'object' || node === null || Buffer.isBuffer(node)) return;
    if (depth >= maxInputDepth) {
      issues.push({ path, message: `is nested more than ${maxInputDepth} levels deep`, reason: 'depth' });
      return;
    }
    const entries = Array.isArray(node) ? node.map((item, index) => [String(index), item] as const) : Object.entries(node);
    for (const [key, child] of entries) {
      const keyProblem = describeUnstorable(key);
      if (keyProblem) issues.push({ path: `${path}.${repairText(key)}`, message: `has a key that ${keyProblem}`, reason: 'text' });
      visit(child, `${path}.${repairText(key)}`, depth + 1);
    }
  };
  visit(value, root, 0);
  return issues.slice(0, maxIssues);
}

/**
 * The same input with every string and key repaired (see `repairText`); for senders that would
 * retry a refusal forever. Nesting beyond `maxInputDepth` is left for `findTextIssues` to refuse.
 */
export function repairTexts<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return repairText(value) as T;
  if (depth >= maxInputDepth) return value;
  if (Array.isArray(value)) return value.map((item) => repairTexts(item, depth + 1)) as T;
  if (!isPlainObject(value)) return value;
  const repaired: Record<string, unknown> = {};
  // defineProperty, not assignment: a key named `__proto__` stays a key.
  for (const [key, child] of Object.entries(value)) {
    Object.defineProperty(repaired, repairText(key), { value: repairTexts(child, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return repaired as T;
}
