import { describe, expect, it } from 'vitest';
import { formatMatcher, matcherProblem, matches, matchesAll } from './alert-matchers';

describe('Alertmanager label matchers', () => {
  it.each([
    [{ name: 'job', op: '=', value: 'erp' }, { job: 'erp' }, true],
    [{ name: 'job', op: '=', value: 'erp' }, { job: 'erp2' }, false],
    [{ name: 'job', op: '!=', value: 'erp' }, { job: 'oa' }, true],
    [{ name: 'job', op: '!=', value: 'erp' }, {}, true],
    [{ name: 'job', op: '=', value: '' }, {}, true],
    [{ name: 'job', op: '=~', value: 'erp|oa' }, { job: 'oa' }, true],
    [{ name: 'job', op: '=~', value: 'erp' }, { job: 'erp-db' }, false],
    [{ name: 'job', op: '!~', value: 'erp.*' }, { job: 'erp-db' }, false],
    [{ name: 'job', op: '!~', value: 'erp.*' }, { job: 'oa' }, true],
  ] as const)('%o on %o → %s (regexes are anchored; missing = empty)', (matcher, labels, expected) => {
    expect(matches(matcher, labels)).toBe(expected);
  });

  it('all matchers must hold; none matches everything', () => {
    expect(matchesAll([], { a: '1' })).toBe(true);
    expect(matchesAll([{ name: 'a', op: '=', value: '1' }, { name: 'b', op: '=', value: '2' }], { a: '1' })).toBe(false);
  });

  it('a bad regex is reported, not thrown at match time', () => {
    expect(matcherProblem({ name: 'a', op: '=~', value: '(' })).toMatch(/./);
    expect(matcherProblem({ name: 'a', op: '=~', value: 'ok.*' })).toBeNull();
    expect(formatMatcher({ name: 'a', op: '!~', value: 'x' })).toBe('a!~"x"');
  });
});
