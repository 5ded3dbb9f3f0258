import { type LabelMatcher, matcherProblem } from '@dingops/shared/rules/alert-matchers';
import { DomainError } from '../../platform/errors/domain-error';

/**
 * A value cached per instance for `ms` (rules, silences, windows, timing are read by every ingest
 * batch), reloaded on demand; `set` or `clear` after a local change.
 */
export function cachedValue<T, A extends unknown[] = []>(load: (...args: A) => PromiseLike<T>, ms: number, clock: () => Date) {
  let entry: { at: number; value: Promise<T> } | null = null;
  return {
    get(...args: A): Promise<T> {
      const now = clock().getTime();
      if (!entry || now - entry.at >= ms) {
        // Promise.resolve: a drizzle query is a lazy thenable that would run again on every await.
        const value = Promise.resolve(load(...args));
        value.catch(() => (entry = null));
        entry = { at: now, value };
      }
      return entry.value;
    },
    set(value: T) {
      entry = { at: clock().getTime(), value: Promise.resolve(value) };
    },
    clear() {
      entry = null;
    },
  };
}

export const invalidField = (path: string, message: string) => new DomainError('alerts.invalid', 'invalid', `${path}: ${message}`, [{ path, message }]);

/** A regular expression that does not compile is refused, naming the matcher's value. */
export function checkMatchers(matchers: LabelMatcher[], path: string) {
  matchers.forEach((matcher, index) => {
    const problem = matcherProblem(matcher);
    if (problem) throw invalidField(`${path}.${index}.value`, `invalid regular expression: ${problem}`);
  });
}
