import { describe, expect, it } from 'vitest';
import { formErrorsOf, hasAnyError } from './form-errors';

const fields = ['title', 'matchers', 'endsAt'] as const;

describe('form errors from field paths', () => {
  it('marks the named fields and the matcher rows, and ignores paths no field shows', () => {
    const errors = formErrorsOf(['title', 'matchers.2.value', 'matchers.0.name', 'unknown', ''], fields);
    expect([...errors.fields]).toEqual(['title']);
    expect([...errors.matcherRows].sort()).toEqual([0, 2]);
  });

  it('marks the whole matcher list when the list itself is wrong (none given)', () => {
    const errors = formErrorsOf(['matchers'], fields);
    expect([...errors.fields]).toEqual(['matchers']);
    expect(errors.matcherRows.size).toBe(0);
  });

  it('says whether anything is marked, so an unmarked server error becomes a toast', () => {
    expect(hasAnyError(formErrorsOf([], fields))).toBe(false);
    expect(hasAnyError(formErrorsOf(['matchers.1.op'], fields))).toBe(true);
    expect(hasAnyError(formErrorsOf(['somethingElse'], fields))).toBe(false);
  });
});
