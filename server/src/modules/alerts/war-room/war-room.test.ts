import { describe, expect, it } from 'vitest';
import { groupIdOfWarRoomUuid, ownersOf, warRoomMembers, warRoomUuid } from './war-room';

const person = (dingtalkUserId: string) => ({ userId: '', dingtalkUserId, name: dingtalkUserId });

describe('war room (作战群) rules', () => {
  it('members: the presser, the on-call primary and secondary, and every owner named by the label, once each', () => {
    expect(warRoomMembers({ clicker: 'yq-wanglei', primary: [person('yq-chengang'), person('yq-liuyang')], secondary: [person('yq-lina')], owners: ownersOf('yq-liuyang, yq-huangli') })).toEqual([
      'yq-wanglei',
      'yq-chengang',
      'yq-liuyang',
      'yq-lina',
      'yq-huangli',
    ]);
    expect(ownersOf(undefined)).toEqual([]);
  });

  it('the uuid DingTalk dedupes on leads back to the alert group, and only ours do', () => {
    expect(groupIdOfWarRoomUuid(warRoomUuid(42n))).toBe(42n);
    expect(groupIdOfWarRoomUuid('someone-else-7')).toBeNull();
    expect(groupIdOfWarRoomUuid(undefined)).toBeNull();
  });
});
