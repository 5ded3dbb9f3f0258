import { describe, expect, it } from 'vitest';
import { containing } from './like';

describe('ILIKE patterns for a search box', () => {
  it('match the text anywhere and take the pattern characters a person types literally', () => {
    expect(containing('erp')).toBe('%erp%');
    expect(containing('100%')).toBe('%100\\%%');
    expect(containing('db_1')).toBe('%db\\_1%');
    expect(containing('C:\\temp')).toBe('%C:\\\\temp%');
  });
});
