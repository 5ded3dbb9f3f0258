import { describe, expect, it } from 'vitest';
import { checkCategoryTree } from './ticket-categories.rules';

const tree = [
  { code: 'network', parentCode: null },
  { code: 'wifi', parentCode: 'network' },
  { code: 'guest_wifi', parentCode: 'wifi' },
];

describe('the category tree IT edits', () => {
  it('accepts a new leaf under an existing node and a new root', () => {
    expect(checkCategoryTree(tree, { code: 'wired', parentCode: 'network' })).toBeNull();
    expect(checkCategoryTree(tree, { code: 'printer', parentCode: null })).toBeNull();
  });

  it('refuses a parent that does not exist', () => {
    expect(checkCategoryTree(tree, { code: 'wired', parentCode: 'lan' })).toEqual({ kind: 'missing_parent' });
  });

  it('refuses a fourth level, also when a subtree is moved under a deeper node', () => {
    expect(checkCategoryTree(tree, { code: 'guest_portal', parentCode: 'guest_wifi' })).toEqual({ kind: 'too_deep', code: 'guest_portal' });
    const twoRoots = [...tree, { code: 'office', parentCode: null }];
    expect(checkCategoryTree(twoRoots, { code: 'network', parentCode: 'office' })).toEqual({ kind: 'too_deep', code: 'guest_wifi' });
  });

  it('refuses a cycle', () => {
    expect(checkCategoryTree(tree, { code: 'network', parentCode: 'guest_wifi' })).toEqual({ kind: 'cycle' });
    expect(checkCategoryTree(tree, { code: 'network', parentCode: 'network' })).toEqual({ kind: 'cycle' });
  });
});
