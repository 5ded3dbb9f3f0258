import { describe, expect, it } from 'vitest';
import { type DirectoryProfile, isMove, profileChanges } from './identity.rules';

const sales = { id: 2, name: '销售部', isLeader: false };
const person: DirectoryProfile = { name: '黄丽', title: '销售代表', departments: [sales], isDepartmentLeader: false, managerDingtalkUserId: 'yq-liuyang' };

describe('profileChanges', () => {
  it('S2: a move names only the fields that changed, before and after', () => {
    const moved = { ...person, title: '会计', departments: [{ id: 5, name: '财务部', isLeader: false }], managerDingtalkUserId: 'yq-zhengfang' };
    expect(profileChanges(person, moved)).toEqual({
      before: { title: '销售代表', departments: [sales], managerDingtalkUserId: 'yq-liuyang' },
      after: { title: '会计', departments: [{ id: 5, name: '财务部', isLeader: false }], managerDingtalkUserId: 'yq-zhengfang' },
    });
  });

  it('S2: becoming a department leader is a change of the department list and the leader flag', () => {
    const promoted = { ...person, departments: [{ ...sales, isLeader: true }], isDepartmentLeader: true };
    expect(profileChanges(person, promoted)?.after).toEqual({ departments: [{ ...sales, isLeader: true }], isDepartmentLeader: true });
  });

  it('the same profile again (a replayed event) is no change', () => {
    expect(profileChanges(person, { ...person, departments: [{ ...sales }] })).toBeNull();
  });
});

describe('isMove', () => {
  it('S2: another department or another manager is a move; a title, a name or leadership alone is not', () => {
    expect(isMove(person, { ...person, departments: [{ id: 5, name: '财务部', isLeader: false }] })).toBe(true);
    expect(isMove(person, { ...person, managerDingtalkUserId: 'yq-zhoujianguo' })).toBe(true);
    expect(isMove(person, { ...person, departments: [sales, { id: 5, name: '财务部', isLeader: false }] })).toBe(true);
    expect(isMove(person, { ...person, title: '高级销售代表', name: '黄丽丽' })).toBe(false);
    expect(isMove(person, { ...person, departments: [{ ...sales, name: '销售一部', isLeader: true }], isDepartmentLeader: true })).toBe(false);
  });
});
