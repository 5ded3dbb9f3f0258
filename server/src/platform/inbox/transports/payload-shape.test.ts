import { describe, expect, it } from 'vitest';
import { toCamelCaseKeys } from './payload-shape';

describe('event payload shape', () => {
  it('an HTTP org event reads like its Stream twin', () => {
    expect(toCamelCaseKeys({ EventType: 'user_leave_org', CorpId: 'ding1', UserId: ['u1'], TimeStamp: '1' })).toEqual({ eventType: 'user_leave_org', corpId: 'ding1', userId: ['u1'], timeStamp: '1' });
    expect(toCamelCaseKeys({ processInstanceId: 'p', corpId: 'c' })).toEqual({ processInstanceId: 'p', corpId: 'c' });
  });
});
