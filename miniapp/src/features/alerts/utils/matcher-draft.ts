import type { matcherOperators } from '@dingops/shared/rules/alert-matchers';

export type MatcherDraft = { name: string; op: (typeof matcherOperators)[number]; value: string };

export const emptyMatcher = (): MatcherDraft => ({ name: '', op: '=', value: '' });

/** `service="erp"` as Alertmanager prints a matcher. */
export function matcherText(matcher: MatcherDraft): string {
  return `${matcher.name}${matcher.op}"${matcher.value}"`;
}

/** Moves item `index` by `delta` places, clamped to the list. */
export function moved<T>(items: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (target < 0 || target >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}
