// The role names and how they combine, without zod: the micro-app's login page uses them before
// any schema library has loaded. roles.ts builds the schemas from these lists.

/** The five roles DingOps knows. `employee` is everyone; the rest add to it. */
export const roleNames = ['employee', 'it_staff', 'it_admin', 'manager', 'auditor'] as const;
export type Role = (typeof roleNames)[number];

/** Roles an IT admin grants by hand; `employee` is implied and `manager` comes from the DingTalk org. */
export const assignableRoleNames = ['it_staff', 'it_admin', 'auditor'] as const;
export type AssignableRole = (typeof assignableRoleNames)[number];

/** Derive a person's effective roles from their grants and whether they lead a department. */
export function effectiveRoles({ granted, isDepartmentLeader }: { granted: readonly AssignableRole[]; isDepartmentLeader: boolean }): Role[] {
  const roles = new Set<Role>(['employee', ...granted]);
  if (isDepartmentLeader) roles.add('manager');
  return roleNames.filter((role) => roles.has(role));
}
