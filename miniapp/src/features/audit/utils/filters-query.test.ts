import { describe, expect, it } from 'vitest';
import { filtersQuery } from './filters-query';

describe('audit filters as a query', () => {
  it('S5: a person by id, a family as a prefix, Beijing days as the instants that bound them', () => {
    expect(filtersQuery({ person: { id: 'u-1', name: '张伟', dingtalkUserId: 'yq-zhangwei', department: null }, family: 'users', fromDay: '2026-11-28', toDay: '2026-11-29' })).toEqual({
      actorId: 'u-1',
      action: 'users.*',
      from: '2026-11-28T00:00:00+08:00',
      to: '2026-11-29T23:59:59.999+08:00',
    });
  });

  it('nothing chosen is no filter; a half-typed date is left out', () => {
    expect(filtersQuery({ person: null, family: null, fromDay: '', toDay: '2026-02-30' })).toEqual({});
  });
});
