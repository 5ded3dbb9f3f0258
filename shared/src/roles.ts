import { z } from 'zod';

/** The five roles DingOps knows. `employee` is everyone; the rest add to it. */
export const roleSchema = z.enum(['employee', 'it_staff', 'it_admin', 'manager', 'auditor']);
export type Role = z.infer<typeof roleSchema>;
export const allRoles = roleSchema.options;

/** Roles an IT admin grants by hand; `employee` is implied and `manager` comes from the DingTalk org. */
export const assignableRoleSchema = z.enum(['it_staff', 'it_admin', 'auditor']);
export type AssignableRole = z.infer<typeof assignableRoleSchema>;

/** Derive a person's effective roles from their grants and whether they lead a department. */
export function effectiveRoles({ granted, isDepartmentLeader }: { granted: readonly AssignableRole[]; isDepartmentLeader: boolean }): Role[] {
  const roles = new Set<Role>(['employee', ...granted]);
  if (isDepartmentLeader) roles.add('manager');
  return allRoles.filter((role) => roles.has(role));
}
