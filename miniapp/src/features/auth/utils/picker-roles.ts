import type { SandboxPersonAccess } from '@dingops/shared/auth';
import { effectiveRoles, type Role } from '@dingops/shared/role-names';
import type { SandboxPerson } from '../api/sandbox-people';

export type PickerRoles = { roles: Role[]; isSuspended: boolean };

/**
 * The DingOps roles a demo person logs in with, by the server's own rule: the grants DingOps stores,
 * plus manager when they lead a department — as DingOps last saw it, or, for someone it has not met,
 * as the directory says now (what their first login will derive). `employee` shows only alone.
 */
export function pickerRoles(person: SandboxPerson, access: SandboxPersonAccess | undefined): PickerRoles {
  const leadsInDirectory = person.departments.some((department) => department.isLeader);
  const roles = effectiveRoles({ granted: access?.granted ?? [], isDepartmentLeader: access?.isDepartmentLeader ?? leadsInDirectory });
  const beyondEmployee = roles.filter((role) => role !== 'employee');
  return { roles: beyondEmployee.length > 0 ? beyondEmployee : roles, isSuspended: access?.status === 'suspended' };
}
