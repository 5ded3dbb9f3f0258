/**
 * Label matchers as Alertmanager writes them (`=`, `!=`, `=~`, `!~`). A missing label reads as the
 * empty string, and regexes are anchored at both ends, so `service=~"erp.*"` means the whole value.
 */
export const matcherOperators = ['=', '!=', '=~', '!~'] as const;
export type MatcherOperator = (typeof matcherOperators)[number];

export interface LabelMatcher {
  name: string;
  op: MatcherOperator;
  value: string;
}

export type Labels = Record<string, string>;

const compiled = new Map<string, RegExp>();

/** Compiles (and caches) an anchored regex; throws on a bad pattern so callers can report it. */
export function anchoredRegex(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(`^(?:${pattern})$`, 'u');
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex;
}

/** Null when the matcher is usable, else why not (an invalid regex). */
export function matcherProblem(matcher: LabelMatcher): string | null {
  if (matcher.op === '=' || matcher.op === '!=') return null;
  try {
    anchoredRegex(matcher.value);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'invalid regular expression';
  }
}

export function matches(matcher: LabelMatcher, labels: Labels): boolean {
  const value = labels[matcher.name] ?? '';
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return anchoredRegex(matcher.value).test(value);
    case '!~':
      return !anchoredRegex(matcher.value).test(value);
  }
}

/** All matchers must hold; an empty list matches everything. */
export function matchesAll(matchers: readonly LabelMatcher[], labels: Labels): boolean {
  return matchers.every((matcher) => matches(matcher, labels));
}

export function formatMatcher(matcher: LabelMatcher): string {
  return `${matcher.name}${matcher.op}"${matcher.value}"`;
}
