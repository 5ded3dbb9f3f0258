import { describe, expect, it } from 'vitest';
import type { SandboxPerson } from '../api/sandbox-people';
import { pickerRoles } from './picker-roles';

const sales = { id: 581208004, name: '销售部', isLeader: false };
const zhangwei: SandboxPerson = { userId: 'yq-zhangwei', name: '张伟', title: '销售经理', departments: [sales] };
const liuyang: SandboxPerson = { userId: 'yq-liuyang', name: '刘洋', title: '销售总监', departments: [{ ...sales, isLeader: true }] };

describe('pickerRoles', () => {
  it('S2: a job title says nothing — 张伟 "销售经理" is an employee, 刘洋 who leads the department a manager', () => {
    expect(pickerRoles(zhangwei, undefined)).toEqual({ roles: ['employee'], isSuspended: false });
    expect(pickerRoles(liuyang, undefined)).toEqual({ roles: ['manager'], isSuspended: false });
  });

  it('S2: grants DingOps stores show beside leadership, and what DingOps last saw wins over the directory', () => {
    const wanglei: SandboxPerson = { userId: 'yq-wanglei', name: '王磊', title: 'IT 经理', departments: [{ id: 2, name: '信息部', isLeader: true }] };
    expect(pickerRoles(wanglei, { dingtalkUserId: 'yq-wanglei', granted: ['it_admin'], isDepartmentLeader: null, status: null }).roles).toEqual(['it_admin', 'manager']);
    expect(pickerRoles(liuyang, { dingtalkUserId: 'yq-liuyang', granted: [], isDepartmentLeader: false, status: 'active' }).roles).toEqual(['employee']);
  });

  it('a suspended account is marked', () => {
    expect(pickerRoles(zhangwei, { dingtalkUserId: 'yq-zhangwei', granted: [], isDepartmentLeader: false, status: 'suspended' })).toEqual({ roles: ['employee'], isSuspended: true });
  });
});
