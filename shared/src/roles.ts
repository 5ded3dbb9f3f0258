import { z } from 'zod';
import { assignableRoleNames, roleNames } from './role-names';

export { effectiveRoles, type AssignableRole, type Role } from './role-names';

/** The five roles DingOps knows. `employee` is everyone; the rest add to it. */
export const roleSchema = z.enum(roleNames);
export const allRoles = roleSchema.options;

/** Roles an IT admin grants by hand; `employee` is implied and `manager` comes from the DingTalk org. */
export const assignableRoleSchema = z.enum(assignableRoleNames);
